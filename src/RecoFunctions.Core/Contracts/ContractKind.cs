namespace RecoFunctions.Core.Contracts;

/// <summary>Which typed contract a flow's messages follow; chosen per flow in configuration (<c>Contract</c>).</summary>
public enum ContractKind
{
    ContentV1,
    CampaignV1,
    InteractionsV1,
}
