using RecoFunctions.Core.Domain;

namespace RecoFunctions.Core.Enrichment;

/// <summary>A campaign event with what the <c>placement</c> and <c>recommender-known-content</c> steps found out.</summary>
internal sealed record EnrichedCampaign(WorkItem Item, CampaignEvent Event) : EnrichedRecord(Item)
{
    public PlacementDetails? Placement { get; init; }

    /// <summary>The campaign's content ids the recommender knows.</summary>
    public IReadOnlyList<string>? KnownContentIds { get; init; }

    public long? EstimatedReach { get; init; }
}
