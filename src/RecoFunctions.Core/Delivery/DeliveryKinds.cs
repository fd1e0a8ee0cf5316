namespace RecoFunctions.Core.Delivery;

/// <summary>What a delivery operation concerns; items and campaigns are separate key spaces in the recommender.</summary>
public static class DeliveryKinds
{
    public const string Item = "item";
    public const string Campaign = "campaign";
}
