namespace RecoFunctions.Core.Delivery;

/// <summary>The recommender's answer to one operation.</summary>
public sealed record DeliveryResult
{
    public string Key { get; set; } = string.Empty;

    public long Version { get; set; }

    /// <summary><see cref="DeliveryStatuses"/>.</summary>
    public string Status { get; set; } = string.Empty;

    /// <summary>The version the recommender holds for the key after the operation.</summary>
    public long? HeldVersion { get; set; }

    /// <summary>Why a rejected operation was rejected.</summary>
    public string? Reason { get; set; }
}
