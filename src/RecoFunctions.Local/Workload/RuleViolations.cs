using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Parsing;
using RecoFunctions.Core.Validation;

namespace RecoFunctions.Local.Workload;

/// <summary>
/// Derives from a flow's configured validation rules one violation per rule (missing required fields, wrong types,
/// unknown enum values, too-long strings, out-of-range numbers, bad URLs and timestamps, an end before its start, a key
/// that differs from the id…), so that invalid messages break the rules in force rather than a fixed list.
/// </summary>
internal static class RuleViolations
{
    private const string MatchesKey = "matchesKey";
    private const string After = "after";

    private static readonly string[] PatternBreakers = ["bad value!", " leading-space", "-leading-dash", "tab\tinside", "é-accent", "slash/inside"];

    public static IReadOnlyList<RuleViolation> For(ValidationOptions validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        var keyPaths = validation.CrossField
            .Where(rule => string.Equals(rule.Rule, MatchesKey, StringComparison.OrdinalIgnoreCase) && rule.Path is not null)
            .Select(rule => rule.Path!)
            .ToHashSet(StringComparer.Ordinal);
        var violations = new List<RuleViolation>();
        foreach (var (path, options) in validation.Fields.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            AddFieldViolations(violations, path, options, validation.MaxFutureSkew, keyPaths.Contains(path));
        }

        foreach (var rule in validation.CrossField)
        {
            AddCrossFieldViolation(violations, rule);
        }

        return violations;
    }

    private static void AddFieldViolations(List<RuleViolation> violations, string path, FieldRuleOptions options, TimeSpan flowSkew, bool isKey)
    {
        var field = FieldAddress.Parse(path);
        FieldTypes.TryParse(options.Type, out var type);
        if (options.Required && !field.IsElement)
        {
            violations.Add(new RuleViolation(RuleNames.Required, path, (root, _) => field.Remove(root)));
        }

        if (type != FieldType.None)
        {
            violations.Add(new RuleViolation(RuleNames.Type, path, (root, _) => field.Set(root, WrongTypeFor(type))));
        }

        if (options.Enum is { Count: > 0 } values)
        {
            var outsider = Outsider(values);
            violations.Add(new RuleViolation(RuleNames.Enum, path, (root, _) => field.Set(root, JsonValue.Create(outsider))));
        }

        if (options.Pattern is { } pattern && PatternBreaker(pattern, options) is { } breaker)
        {
            violations.Add(StringViolation(RuleNames.Pattern, path, field, breaker, isKey));
        }

        if (options.MinLength is > 0 && type is FieldType.String or FieldType.None)
        {
            violations.Add(StringViolation(RuleNames.MinLength, path, field, string.Empty, isKey));
        }

        if (options.MaxLength is { } maxLength && TooLong(maxLength, type, options.Pattern) is { } tooLong)
        {
            violations.Add(StringViolation(RuleNames.MaxLength, path, field, tooLong, isKey));
        }

        AddNumberViolations(violations, path, field, options, type);
        AddArrayViolations(violations, path, field, options);
        if (type == FieldType.Timestamp)
        {
            violations.Add(new RuleViolation(RuleNames.Timestamp, path, (root, _) => field.Set(root, JsonValue.Create("21/11/2026 10:00"))));
            var skew = options.MaxFutureSkew ?? flowSkew;
            violations.Add(new RuleViolation(RuleNames.Future, path, (root, context) =>
                field.Set(root, JsonValue.Create(Timestamp(context.Now + skew + TimeSpan.FromDays(1))))));
        }

        if (type == FieldType.Url)
        {
            violations.Add(new RuleViolation(RuleNames.Url, path, (root, _) => field.Set(root, JsonValue.Create("not a url"))));
            var schemes = options.Schemes is { Count: > 0 } configured ? configured : ["https", "http"];
            if (!schemes.Contains("ftp", StringComparer.OrdinalIgnoreCase))
            {
                violations.Add(new RuleViolation(RuleNames.Url, path, (root, _) => field.Set(root, JsonValue.Create("ftp://cms.example/files/1029"))));
            }
        }
    }

    private static void AddNumberViolations(List<RuleViolation> violations, string path, FieldAddress field, FieldRuleOptions options, FieldType type)
    {
        if (options.Minimum is { } minimum)
        {
            JsonNode Below() => type == FieldType.Integer ? JsonValue.Create((long)Math.Ceiling(minimum) - 1) : JsonValue.Create(minimum - 1);
            violations.Add(new RuleViolation(RuleNames.Minimum, path, (root, _) => field.Set(root, Below())));
        }

        if (options.Maximum is { } maximum)
        {
            JsonNode Above() => type == FieldType.Integer ? JsonValue.Create((long)Math.Floor(maximum) + 1) : JsonValue.Create(maximum + 1);
            violations.Add(new RuleViolation(RuleNames.Maximum, path, (root, _) => field.Set(root, Above())));
        }
    }

    private static void AddArrayViolations(List<RuleViolation> violations, string path, FieldAddress field, FieldRuleOptions options)
    {
        if (options.MinItems is > 0)
        {
            violations.Add(new RuleViolation(RuleNames.MinItems, path, (root, _) => field.Set(root, new JsonArray())));
        }

        if (options.MaxItems is { } maxItems)
        {
            violations.Add(new RuleViolation(RuleNames.MaxItems, path, (root, _) =>
            {
                var sample = (field.Get(root) as JsonArray) is { Count: > 0 } existing ? existing[0] : null;
                var items = new JsonArray();
                for (var i = 0; i <= maxItems; i++)
                {
                    items.Add(sample?.DeepClone() ?? JsonValue.Create(string.Create(CultureInfo.InvariantCulture, $"x{i}")));
                }

                field.Set(root, items);
            }));
        }
    }

    private static void AddCrossFieldViolation(List<RuleViolation> violations, CrossFieldRuleOptions rule)
    {
        if (rule.Path is null)
        {
            return;
        }

        if (string.Equals(rule.Rule, MatchesKey, StringComparison.OrdinalIgnoreCase))
        {
            violations.Add(new RuleViolation(RuleNames.MatchesKey, rule.Path, (_, context) => context.Key += "-other"));
        }
        else if (string.Equals(rule.Rule, After, StringComparison.OrdinalIgnoreCase) && rule.Other is not null)
        {
            var later = FieldAddress.Parse(rule.Path);
            var earlier = FieldAddress.Parse(rule.Other);
            violations.Add(new RuleViolation(RuleNames.After, rule.Path, (root, context) =>
            {
                earlier.Set(root, JsonValue.Create(Timestamp(context.Now.AddDays(2))));
                later.Set(root, JsonValue.Create(Timestamp(context.Now.AddDays(1))));
            }));
        }
    }

    /// <summary>A string violation on the field that must equal the key keeps the key in step, so that only the intended rule breaks.</summary>
    private static RuleViolation StringViolation(string rule, string path, FieldAddress field, string value, bool isKey) =>
        new(rule, path, (root, context) =>
        {
            field.Set(root, JsonValue.Create(value));
            if (isKey && value.Length > 0)
            {
                context.Key = value;
            }
        });

    private static JsonNode WrongTypeFor(FieldType type) => type switch
    {
        FieldType.Integer => JsonValue.Create("7"),
        FieldType.Number => JsonValue.Create("7.5"),
        FieldType.Boolean => JsonValue.Create("yes"),
        FieldType.Object => new JsonArray(),
        FieldType.Array => JsonValue.Create("not-an-array"),
        _ => JsonValue.Create(42),
    };

    private static string Outsider(List<string> values)
    {
        var first = values[0];
        var dot = first.LastIndexOf('.');
        var candidate = dot > 0 ? first[..(dot + 1)] + "archived" : "unknown-" + first;
        while (values.Contains(candidate, StringComparer.Ordinal))
        {
            candidate += "-x";
        }

        return candidate;
    }

    private static string? PatternBreaker(string pattern, FieldRuleOptions options)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return PatternBreakers.FirstOrDefault(candidate =>
            !regex.IsMatch(candidate) && candidate.Length >= (options.MinLength ?? 0) && candidate.Length <= (options.MaxLength ?? int.MaxValue));
    }

    private static string? TooLong(int maxLength, FieldType type, string? pattern)
    {
        if (type is not (FieldType.String or FieldType.Url or FieldType.None))
        {
            return null;
        }

        const string UrlPrefix = "https://cms.example/";
        var text = type == FieldType.Url && maxLength + 1 > UrlPrefix.Length
            ? UrlPrefix + new string('a', maxLength + 1 - UrlPrefix.Length)
            : new string('a', maxLength + 1);
        return pattern is null || new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)).IsMatch(text) ? text : null;
    }

    private static string Timestamp(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
