namespace RecoFunctions.Core.Delivery;

/// <summary>The recommender's answer to one operation.</summary>
public sealed record DeliveryResult
{
    public string Key { get; init; } = string.Empty;

    public long Version { get; init; }

    /// <summary><see cref="DeliveryStatuses"/>.</summary>
    public string Status { get; init; } = string.Empty;

    /// <summary>The version the recommender holds for the key after the operation.</summary>
    public long? HeldVersion { get; init; }

    /// <summary>Why a rejected operation was rejected.</summary>
    public string? Reason { get; init; }
}
