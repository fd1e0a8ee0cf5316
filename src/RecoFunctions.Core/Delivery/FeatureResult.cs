namespace RecoFunctions.Core.Delivery;

/// <summary>The recommender's answer to one feature record, named by the record's key.</summary>
public sealed record FeatureResult
{
    public string UserKey { get; set; } = string.Empty;

    public string Window { get; set; } = string.Empty;

    public DateTimeOffset Start { get; set; }

    /// <summary><see cref="FeatureStatuses"/>.</summary>
    public string Status { get; set; } = string.Empty;

    /// <summary>Why a rejected record was rejected.</summary>
    public string? Reason { get; set; }
}
