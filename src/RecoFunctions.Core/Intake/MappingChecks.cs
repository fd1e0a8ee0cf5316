using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RecoFunctions.Core.Parsing;

namespace RecoFunctions.Core.Intake;

/// <summary>
/// What the mappers check themselves. Configuration decides what is required, but the domain still needs some fields:
/// if the rules were weakened, a message without them becomes a violation rather than an exception.
/// </summary>
internal static class MappingChecks
{
    public static bool TryRead<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> contract, out T? value, ref List<Violation>? violations)
        where T : class
    {
        try
        {
            value = JsonSerializer.Deserialize(json, contract);
        }
        catch (JsonException exception)
        {
            value = null;
            Add(ref violations, exception.Path ?? "$", RuleNames.Type, "does not have the type the contract expects");
            return false;
        }

        if (value is null)
        {
            Add(ref violations, "$", RuleNames.NotObject, "the value must be a JSON object");
            return false;
        }

        return true;
    }

    /// <summary>The string, or an empty one after reporting <c>required</c> when it is null or empty.</summary>
    public static string Required(string? value, string path, ref List<Violation>? violations)
    {
        if (string.IsNullOrEmpty(value))
        {
            Add(ref violations, path, RuleNames.Required, "is required");
            return string.Empty;
        }

        return value;
    }

    public static T Required<T>(T? value, string path, ref List<Violation>? violations)
        where T : struct
    {
        if (value is null)
        {
            Add(ref violations, path, RuleNames.Required, "is required");
            return default;
        }

        return value.Value;
    }

    public static TEnum Enum<TEnum>(string? value, string path, IReadOnlyDictionary<string, TEnum> names, ref List<Violation>? violations)
        where TEnum : struct
    {
        if (value is null)
        {
            Add(ref violations, path, RuleNames.Required, "is required");
            return default;
        }

        if (!names.TryGetValue(value, out var parsed))
        {
            Add(ref violations, path, RuleNames.Enum, $"must be one of {string.Join(", ", names.Keys)}");
        }

        return parsed;
    }

    /// <summary>The strings of an optional list (empty when absent); a null element is reported as a type violation.</summary>
    public static IReadOnlyList<string> Strings(IReadOnlyList<string>? values, string path, ref List<Violation>? violations)
    {
        if (values is null)
        {
            return [];
        }

        for (var index = 0; index < values.Count; index++)
        {
            if (values[index] is null)
            {
                Add(ref violations, $"{path}[{index}]", RuleNames.Type, "must be a string, not null");
            }
        }

        return values;
    }

    public static Uri? OptionalUrl(string? value, string path, ref List<Violation>? violations)
    {
        if (value is null)
        {
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            Add(ref violations, path, RuleNames.Url, "must be an absolute URL");
        }

        return uri;
    }

    public static void Add(ref List<Violation>? violations, string path, string rule, string message) =>
        (violations ??= []).Add(new Violation(path, rule, message));
}
