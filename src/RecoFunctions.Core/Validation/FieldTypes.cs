namespace RecoFunctions.Core.Validation;

/// <summary>Names of <see cref="FieldType"/> as configuration writes them (case-insensitive).</summary>
public static class FieldTypes
{
    public static IReadOnlyList<string> Names { get; } = ["string", "integer", "number", "boolean", "object", "array", "timestamp", "url"];

    public static bool TryParse(string? name, out FieldType type)
    {
        type = name?.ToUpperInvariant() switch
        {
            "STRING" => FieldType.String,
            "INTEGER" => FieldType.Integer,
            "NUMBER" => FieldType.Number,
            "BOOLEAN" => FieldType.Boolean,
            "OBJECT" => FieldType.Object,
            "ARRAY" => FieldType.Array,
            "TIMESTAMP" => FieldType.Timestamp,
            "URL" => FieldType.Url,
            _ => FieldType.None,
        };
        return type != FieldType.None;
    }

    public static string Describe(FieldType type) => type switch
    {
        FieldType.String => "a string",
        FieldType.Integer => "an integer",
        FieldType.Number => "a number",
        FieldType.Boolean => "a boolean",
        FieldType.Object => "an object",
        FieldType.Array => "an array",
        FieldType.Timestamp => "an ISO 8601 timestamp string",
        FieldType.Url => "an absolute URL string",
        _ => "anything",
    };

    public static bool IsTextual(FieldType type) => type is FieldType.String or FieldType.Timestamp or FieldType.Url;
}
