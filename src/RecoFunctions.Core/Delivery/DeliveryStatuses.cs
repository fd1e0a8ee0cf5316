namespace RecoFunctions.Core.Delivery;

/// <summary>Per-operation answers of the recommender.</summary>
public static class DeliveryStatuses
{
    /// <summary>The operation changed what the recommender holds.</summary>
    public const string Applied = "applied";

    /// <summary>The recommender already holds this or a newer version of the key; nothing changed. Counts as delivered.</summary>
    public const string Stale = "stale";

    /// <summary>The operation is invalid (a 400-class answer); <see cref="DeliveryResult.Reason"/> says why. Permanent.</summary>
    public const string Rejected = "rejected";
}
