using RecoFunctions.Core.Contracts;
using RecoFunctions.Core.Domain;

namespace RecoFunctions.Core.Enrichment;

/// <summary>A work item on its way through the enrichment steps; each step returns a copy with its part filled in.</summary>
internal abstract record EnrichedRecord(WorkItem Item)
{
    /// <returns><see langword="null"/> when the item's event does not belong to a flow with <paramref name="contract"/>.</returns>
    public static EnrichedRecord? Create(ContractKind contract, WorkItem item) => (contract, item.Event) switch
    {
        (ContractKind.ContentV1, ContentEvent content) => new EnrichedContent(item, content),
        (ContractKind.CampaignV1, CampaignEvent campaign) => new EnrichedCampaign(item, campaign),
        _ => null,
    };
}
