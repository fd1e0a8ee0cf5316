using RecoFunctions.Core.Contracts;
using RecoFunctions.Core.Delivery;

namespace RecoFunctions.Local.Accounting;

/// <summary>What the recommender calls the deliveries of a contract's flow.</summary>
public static class DeliveryKindsOf
{
    public static string Contract(ContractKind contract) => contract switch
    {
        ContractKind.ContentV1 => DeliveryKinds.Item,
        ContractKind.CampaignV1 => DeliveryKinds.Campaign,
        ContractKind.InteractionsV1 => Workload.InteractionWorkload.FeaturesKind,
        _ => throw new ArgumentOutOfRangeException(nameof(contract), contract, null),
    };
}
