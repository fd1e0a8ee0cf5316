using Microsoft.Extensions.Configuration;

namespace RecoFunctions.Core.Flows;

/// <summary>
/// The shape of a configuration section: which keys exist, which hold lists or maps. The binder ignores keys it does not
/// know, so a misspelt rule (<c>MaxLenght</c>) would silently switch a check off; walking the section against its schema
/// turns that into a start-up error naming the key.
/// </summary>
internal sealed class ConfigurationSchema
{
    private readonly SchemaKind _kind;
    private readonly IReadOnlyDictionary<string, ConfigurationSchema>? _properties;
    private readonly ConfigurationSchema? _item;

    private ConfigurationSchema(SchemaKind kind, IReadOnlyDictionary<string, ConfigurationSchema>? properties = null, ConfigurationSchema? item = null)
    {
        _kind = kind;
        _properties = properties;
        _item = item;
    }

    private enum SchemaKind
    {
        Value,
        Object,
        List,
        Map,
    }

    public static ConfigurationSchema Value { get; } = new(SchemaKind.Value);

    public static ConfigurationSchema Object(params (string Name, ConfigurationSchema Schema)[] properties) =>
        new(SchemaKind.Object, properties.ToDictionary(p => p.Name, p => p.Schema, StringComparer.OrdinalIgnoreCase));

    public static ConfigurationSchema ListOf(ConfigurationSchema item) => new(SchemaKind.List, item: item);

    /// <summary>A section whose keys are names chosen by the user (flows, field paths).</summary>
    public static ConfigurationSchema MapOf(ConfigurationSchema item) => new(SchemaKind.Map, item: item);

    public void Check(IConfigurationSection section, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(section);
        var children = section.GetChildren().ToList();
        if (_kind == SchemaKind.Value)
        {
            if (children.Count > 0)
            {
                errors.Add($"{section.Path} must be a single value, not a section");
            }

            return;
        }

        // A value where a section belongs is a mistake even if another source supplies children: the value is ignored.
        if (!string.IsNullOrEmpty(section.Value))
        {
            errors.Add($"{section.Path} must be {(_kind == SchemaKind.List ? "a list" : "a section")}, not a single value");
            return;
        }

        foreach (var child in children)
        {
            CheckChild(child, errors);
        }
    }

    private void CheckChild(IConfigurationSection child, ICollection<string> errors)
    {
        switch (_kind)
        {
            case SchemaKind.List when !int.TryParse(child.Key, out var index) || index < 0:
                errors.Add($"{child.Path} is not a list index; {child.Path[..^(child.Key.Length + 1)]} is a list (0, 1, ...)");
                break;
            case SchemaKind.List or SchemaKind.Map:
                _item!.Check(child, errors);
                break;
            default:
                if (_properties!.TryGetValue(child.Key, out var schema))
                {
                    schema.Check(child, errors);
                }
                else
                {
                    errors.Add($"{child.Path} is not a known setting{Suggest(child.Key)}");
                }

                break;
        }
    }

    private string Suggest(string key)
    {
        var best = _properties!.Keys
            .Select(name => (Name: name, Distance: Distance(key.ToUpperInvariant(), name.ToUpperInvariant())))
            .OrderBy(candidate => candidate.Distance)
            .ThenBy(candidate => candidate.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        var known = string.Join(", ", _properties.Keys.Order(StringComparer.Ordinal));
        return best.Name is not null && best.Distance <= Math.Max(2, key.Length / 3)
            ? $" (did you mean {best.Name}? known settings: {known})"
            : $" (known settings: {known})";
    }

    /// <summary>Edit distance, counting a swap of two neighbours as one edit (the usual typo).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
