using RecoFunctions.Core.Resilience;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Core.Enrichment;

/// <summary>
/// Adds each campaign's placement (<c>POST /placements/batch</c>). Many campaigns share a placement, so each distinct id
/// is asked for once; a failed chunk fails the campaigns whose placement it was asked for.
/// </summary>
internal sealed class PlacementStep : EnrichmentStep<EnrichedCampaign>
{
    private const string Service = ServiceNames.PlacementApi;

    private readonly SharedBatchCall<string, PlacementBatchItem> _call;

    public PlacementStep(IPlacementApiClient client, BatchCaller caller)
    {
        _call = caller.Create<string, PlacementBatchItem>(
            Service,
            "placements.batch",
            async (ids, token) => (await client.GetBatchAsync(new PlacementBatchRequest { PlacementIds = ids }, token).ConfigureAwait(false)).Items);
    }

    public override string Name => EnrichmentStepNames.Placement;

    protected override bool Applies(EnrichedCampaign record) => !record.Event.IsRetirement;

    protected override EnrichedCampaign Combine(EnrichedCampaign into, EnrichedCampaign enriched) => into with { Placement = enriched.Placement };

    protected override async Task EnrichCoreAsync(IReadOnlyList<IndexedItem<EnrichedCampaign>> pending, StepResult[] results, CancellationToken cancellationToken)
    {
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new List<string>();
        foreach (var item in pending)
        {
            var id = item.Item.Event.Campaign.PlacementId;
            if (positions.TryAdd(id, ids.Count))
            {
                ids.Add(id);
            }
        }

        var answers = await _call.CallAsync(ids, cancellationToken).ConfigureAwait(false);
        foreach (var (index, record) in pending)
        {
            var id = record.Event.Campaign.PlacementId;
            results[index] = answers[positions[id]] switch
            {
                { Failure: { } failure } => StepResult.Failed(failure),
                { Answer: { } item } when item.PlacementId == id => Map(record, item),
                _ => StepResult.Failed(LookupFailures.Unmatched(Service)),
            };
        }
    }

    private static StepResult Map(EnrichedCampaign record, PlacementBatchItem item) =>
        LookupFailures.ToStepResult(Service, item.Status, item.Message, item.Placement, placement => record with { Placement = PlacementDetails.From(placement) });
}
