using RecoFunctions.Core.Resilience;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Core.Enrichment;

/// <summary>Asks the recommender which of a campaign's contents it knows and how far its segments reach (<c>POST /recommender/known-content/batch</c>).</summary>
internal sealed class KnownContentStep : EnrichmentStep<EnrichedCampaign>
{
    private const string Service = ServiceNames.RecommenderApi;

    private readonly SharedBatchCall<KnownContentRequest, KnownContentBatchItem> _call;

    public KnownContentStep(IRecommenderApiClient client, BatchCaller caller)
    {
        _call = caller.Create<KnownContentRequest, KnownContentBatchItem>(
            Service,
            "known-content.batch",
            async (items, token) => (await client.GetKnownContentBatchAsync(new KnownContentBatchRequest { Items = items }, token).ConfigureAwait(false)).Items);
    }

    public override string Name => EnrichmentStepNames.RecommenderKnownContent;

    // A paused or ended campaign is retired by key and version; nothing about it needs looking up.
    protected override bool Applies(EnrichedCampaign record) => !record.Event.IsRetirement;

    protected override EnrichedCampaign Combine(EnrichedCampaign into, EnrichedCampaign enriched) => into with { KnownContentIds = enriched.KnownContentIds, EstimatedReach = enriched.EstimatedReach };

    protected override async Task EnrichCoreAsync(IReadOnlyList<IndexedItem<EnrichedCampaign>> pending, StepResult[] results, CancellationToken cancellationToken)
    {
        var requests = new KnownContentRequest[pending.Count];
        for (var i = 0; i < requests.Length; i++)
        {
            requests[i] = ToRequest(pending[i].Item);
        }

        var answers = await _call.CallAsync(requests, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < answers.Length; i++)
        {
            var (index, record) = pending[i];
            results[index] = answers[i] switch
            {
                { Failure: { } failure } => StepResult.Failed(failure),
                { Answer: { } item } when item.CampaignId == record.Event.Campaign.CampaignId => Map(record, item),
                _ => StepResult.Failed(LookupFailures.Unmatched(Service)),
            };
        }
    }

    private static KnownContentRequest ToRequest(EnrichedCampaign record) => new()
    {
        CampaignId = record.Event.Campaign.CampaignId,
        ContentIds = record.Event.Campaign.ContentIds,
        SegmentIds = record.Event.Campaign.SegmentIds,
    };

    private static StepResult Map(EnrichedCampaign record, KnownContentBatchItem item) =>
        LookupFailures.ToStepResult(Service, item.Status, item.Message, item.Result, result => record with { KnownContentIds = result.KnownContentIds, EstimatedReach = result.EstimatedReach });
}
