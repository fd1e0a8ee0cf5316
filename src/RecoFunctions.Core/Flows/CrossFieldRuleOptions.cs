namespace RecoFunctions.Core.Flows;

/// <summary>
/// <c>after</c>: the timestamp at <see cref="Path"/> is later than the one at <see cref="Other"/> (when both are present).
/// <c>matchesKey</c>: the string at <see cref="Path"/> equals the Kafka message key.
/// </summary>
public sealed class CrossFieldRuleOptions
{
    public string? Rule { get; set; }

    public string? Path { get; set; }

    public string? Other { get; set; }
}
