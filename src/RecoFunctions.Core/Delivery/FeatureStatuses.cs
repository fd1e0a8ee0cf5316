namespace RecoFunctions.Core.Delivery;

/// <summary>Per-record answers of the recommender's feature endpoint.</summary>
public static class FeatureStatuses
{
    /// <summary>The recommender now holds these values for the key.</summary>
    public const string Applied = "applied";

    /// <summary>The recommender already held exactly these values for the key (a replay); nothing changed. Counts as delivered.</summary>
    public const string Unchanged = "unchanged";

    /// <summary>The record is invalid (a 400-class answer); <see cref="FeatureResult.Reason"/> says why. Permanent.</summary>
    public const string Rejected = "rejected";
}
