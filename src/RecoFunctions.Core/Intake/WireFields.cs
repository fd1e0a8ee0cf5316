using System.Text.Json;
using RecoFunctions.Core.Parsing;

namespace RecoFunctions.Core.Intake;

/// <summary>
/// Reads a contract's fields from the document the validator has already walked, so a message is parsed once.
/// Configuration decides what is required, but the domain still needs some fields: if the rules were weakened, a
/// missing field or one of the wrong kind becomes a violation at its path, never an exception.
/// A property whose value is <c>null</c> counts as missing, as it does for the validator.
/// </summary>
internal static class WireFields
{
    private const string WrongType = "does not have the type the contract expects";

    /// <summary>The fields every v1 event starts with: its id, its type (one of <paramref name="types"/>) and when it occurred.</summary>
    public static (string EventId, TEnum EventType, DateTimeOffset OccurredAt) Header<TEnum>(JsonElement root, WireNames<TEnum> types, ref List<Violation>? violations)
        where TEnum : struct =>
        (RequiredText(root, "eventId"u8, "$.eventId", ref violations),
            RequiredEnum(root, "eventType"u8, "$.eventType", types, ref violations),
            RequiredTimestamp(root, "occurredAt"u8, "$.occurredAt", ref violations));

    public static JsonElement? Object(JsonElement parent, ReadOnlySpan<byte> name, string path, ref List<Violation>? violations)
    {
        if (!TryGet(parent, name, out var value))
        {
            Add(ref violations, path, RuleNames.Required, "is required");
            return null;
        }

        return Is(value, JsonValueKind.Object, path, ref violations) ? value : null;
    }

    /// <summary>The text, or an empty one after reporting it as missing, empty or not a string.</summary>
    public static string RequiredText(JsonElement parent, ReadOnlySpan<byte> name, string path, ref List<Violation>? violations)
    {
        if (TryGet(parent, name, out var value) && !Is(value, JsonValueKind.String, path, ref violations))
        {
            return string.Empty;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
        if (text.Length == 0)
        {
            Add(ref violations, path, RuleNames.Required, "is required");
        }

        return text;
    }

    public static string? OptionalText(JsonElement parent, ReadOnlySpan<byte> name, string path, ref List<Violation>? violations) =>
        TryGet(parent, name, out var value) && Is(value, JsonValueKind.String, path, ref violations) ? value.GetString() : null;

    public static long RequiredInt64(JsonElement parent, ReadOnlySpan<byte> name, string path, ref List<Violation>? violations) =>
        OptionalInt64(parent, name, path, ref violations, out var present) ?? Missing<long>(present, path, ref violations);

    public static long? OptionalInt64(JsonElement parent, ReadOnlySpan<byte> name, string path, ref List<Violation>? violations) =>
        OptionalInt64(parent, name, path, ref violations, out _);

    public static int? OptionalInt32(JsonElement parent, ReadOnlySpan<byte> name, string path, ref List<Violation>? violations)
    {
        if (!TryGet(parent, name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : WrongKind<int>(path, ref violations);
    }

    public static DateTimeOffset RequiredTimestamp(JsonElement parent, ReadOnlySpan<byte> name, string path, ref List<Violation>? violations) =>
        OptionalTimestamp(parent, name, path, ref violations, out var present) ?? Missing<DateTimeOffset>(present, path, ref violations);

    public static DateTimeOffset? OptionalTimestamp(JsonElement parent, ReadOnlySpan<byte> name, string path, ref List<Violation>? violations) =>
        OptionalTimestamp(parent, name, path, ref violations, out _);

    public static TEnum RequiredEnum<TEnum>(JsonElement parent, ReadOnlySpan<byte> name, string path, WireNames<TEnum> names, ref List<Violation>? violations)
        where TEnum : struct
    {
        if (!TryGet(parent, name, out var value))
        {
            Add(ref violations, path, RuleNames.Required, "is required");
            return default;
        }

        if (!Is(value, JsonValueKind.String, path, ref violations))
        {
            return default;
        }

        if (!names.TryFind(value, out var found))
        {
            Add(ref violations, path, RuleNames.Enum, names.OneOf);
        }

        return found;
    }

    /// <summary>The strings of an optional list, empty when absent; an element that is not a string is a type violation.</summary>
    public static IReadOnlyList<string> Strings(JsonElement parent, ReadOnlySpan<byte> name, string path, ref List<Violation>? violations)
    {
        if (!TryGet(parent, name, out var value) || !Is(value, JsonValueKind.Array, path, ref violations))
        {
            return [];
        }

        var strings = new string[value.GetArrayLength()];
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.String)
            {
                strings[index] = element.GetString()!;
            }
            else
            {
                Add(ref violations, $"{path}[{index}]", RuleNames.Type, element.ValueKind == JsonValueKind.Null ? "must be a string, not null" : WrongType);
            }

            index++;
        }

        return strings;
    }

    /// <summary>The text of an optional absolute URL, as the message gave it.</summary>
    public static string? OptionalUrl(JsonElement parent, ReadOnlySpan<byte> name, string path, ref List<Violation>? violations)
    {
        var text = OptionalText(parent, name, path, ref violations);
        if (text is not null && !Uri.TryCreate(text, UriKind.Absolute, out _))
        {
            Add(ref violations, path, RuleNames.Url, "must be an absolute URL");
        }

        return text;
    }

    public static void Add(ref List<Violation>? violations, string path, string rule, string message) =>
        (violations ??= []).Add(new Violation(path, rule, message));

    private static long? OptionalInt64(JsonElement parent, ReadOnlySpan<byte> name, string path, ref List<Violation>? violations, out bool present)
    {
        present = TryGet(parent, name, out var value);
        if (!present)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : WrongKind<long>(path, ref violations);
    }

    private static DateTimeOffset? OptionalTimestamp(JsonElement parent, ReadOnlySpan<byte> name, string path, ref List<Violation>? violations, out bool present)
    {
        present = TryGet(parent, name, out var value);
        if (!present)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var timestamp)
            ? timestamp
            : WrongKind<DateTimeOffset>(path, ref violations);
    }

    /// <summary>A present value of the wrong kind was already reported; only an absent one is still to report.</summary>
    private static T Missing<T>(bool present, string path, ref List<Violation>? violations)
        where T : struct
    {
        if (!present)
        {
            Add(ref violations, path, RuleNames.Required, "is required");
        }

        return default;
    }

    private static T? WrongKind<T>(string path, ref List<Violation>? violations)
        where T : struct
    {
        Add(ref violations, path, RuleNames.Type, WrongType);
        return null;
    }

    private static bool Is(JsonElement value, JsonValueKind kind, string path, ref List<Violation>? violations)
    {
        if (value.ValueKind == kind)
        {
            return true;
        }

        Add(ref violations, path, RuleNames.Type, WrongType);
        return false;
    }

    /// <summary>Whether the property is there and not null; <paramref name="parent"/> is an object, which the callers ensure.</summary>
    private static bool TryGet(JsonElement parent, ReadOnlySpan<byte> name, out JsonElement value) =>
        parent.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
}
