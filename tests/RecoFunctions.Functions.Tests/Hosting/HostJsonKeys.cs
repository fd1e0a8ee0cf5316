using System.Reflection;
using System.Text.Json.Nodes;

namespace RecoFunctions.Functions.Tests.Hosting;

/// <summary>Finds the keys of a host.json section that name no setting of the options the host binds it onto.</summary>
internal static class HostJsonKeys
{
    public static JsonObject Section(string path)
    {
        var file = Path.Combine(AppContext.BaseDirectory, "host.json");
        JsonNode? node = JsonNode.Parse(File.ReadAllText(file));
        foreach (var part in path.Split('.'))
        {
            node = node?[part];
        }

        Assert.True(node is JsonObject, $"host.json has no object at {path}.");
        return (JsonObject)node!;
    }

    public static IReadOnlyList<string> Unknown(JsonObject section, IReadOnlySet<string> names) =>
        [.. section.Select(entry => entry.Key).Where(key => !names.Contains(key))];

    /// <summary>
    /// Walks the section along the options type: a key must be a public property (any case); an object value is checked
    /// against the property's type, except for dictionaries (free-form, e.g. <c>storageProvider</c>).
    /// </summary>
    public static IReadOnlyList<string> Unknown(JsonObject section, Type options, string path = "")
    {
        var unknown = new List<string>();
        foreach (var (key, value) in section)
        {
            var property = options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .FirstOrDefault(candidate => string.Equals(candidate.Name, key, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                unknown.Add(path + key);
            }
            else if (value is JsonObject nested && !IsDictionary(property.PropertyType))
            {
                unknown.AddRange(Unknown(nested, property.PropertyType, $"{path}{key}."));
            }
        }

        return unknown;
    }

    private static bool IsDictionary(Type type) =>
        type.Name.StartsWith("IDictionary", StringComparison.Ordinal)
        || type.Name.StartsWith("Dictionary", StringComparison.Ordinal)
        || type.GetInterfaces().Any(candidate => candidate.Name.StartsWith("IDictionary", StringComparison.Ordinal));
}
