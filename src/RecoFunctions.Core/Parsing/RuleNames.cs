namespace RecoFunctions.Core.Parsing;

/// <summary>
/// The rule names that appear in violations, dead-letter reasons and metrics. They are part of the product's contract:
/// operators filter and alert on them, so they never change once shipped.
/// </summary>
public static class RuleNames
{
    // Parse stage: the value is not a JSON object we can look at.
    public const string PayloadTooLarge = "payloadTooLarge";
    public const string Empty = "empty";
    public const string Encoding = "encoding";
    public const string Json = "json";
    public const string Depth = "depth";
    public const string NotObject = "notObject";
    public const string Flow = "flow";

    // Validate stage: field rules, in the order they are checked for one field.
    public const string Required = "required";
    public const string Type = "type";
    public const string Enum = "enum";
    public const string Pattern = "pattern";
    public const string MinLength = "minLength";
    public const string MaxLength = "maxLength";
    public const string Minimum = "minimum";
    public const string Maximum = "maximum";
    public const string MinItems = "minItems";
    public const string MaxItems = "maxItems";
    public const string Timestamp = "timestamp";
    public const string Future = "future";
    public const string Url = "url";

    // Validate stage: cross-field rules.
    public const string After = "after";
    public const string MatchesKey = "matchesKey";
    public const string Key = "key";
}
