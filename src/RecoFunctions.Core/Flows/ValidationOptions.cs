namespace RecoFunctions.Core.Flows;

public sealed class ValidationOptions
{
    /// <summary>How far in the future a timestamp may lie before it is rejected (clock skew allowance); a field may override it.</summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Rules per field, keyed by path without the leading <c>$.</c>, e.g. <c>content.title</c> or <c>content.tags[]</c> for every element.</summary>
    public Dictionary<string, FieldRuleOptions> Fields { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Rules that relate two fields, or a field and the message key.</summary>
    public List<CrossFieldRuleOptions> CrossField { get; set; } = [];
}
