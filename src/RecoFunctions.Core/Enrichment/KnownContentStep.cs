using Microsoft.Extensions.Logging;
using RecoFunctions.Core.Resilience;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Core.Enrichment;

/// <summary>Asks the recommender which of a campaign's contents it knows and how far its segments reach (<c>POST /recommender/known-content/batch</c>).</summary>
internal sealed class KnownContentStep(IRecommenderApiClient client, BatchCaller caller, ILogger<KnownContentStep> logger)
    : EnrichmentStep<EnrichedCampaign>
{
    private const string Service = ServiceNames.RecommenderApi;
    private const string Operation = "known-content.batch";

    public override string Name => EnrichmentStepNames.RecommenderKnownContent;

    // A paused or ended campaign is retired by key and version; nothing about it needs looking up.
    protected override bool Applies(EnrichedCampaign record) => !record.Event.IsRetirement;

    protected override Task EnrichCoreAsync(IReadOnlyList<IndexedItem<EnrichedCampaign>> pending, StepResult[] results, CancellationToken cancellationToken) =>
        caller.RunAsync(
            Service,
            Operation,
            pending,
            async (chunk, token) =>
            {
                var request = new KnownContentBatchRequest { Items = [.. chunk.Select(item => ToRequest(item.Item))] };
                var answer = await client.GetKnownContentBatchAsync(request, token).ConfigureAwait(false);
                if (answer.Items.Count != chunk.Count)
                {
                    ServicesLog.AnswerMismatch(logger, Service, Operation, answer.Items.Count, chunk.Count);
                }

                for (var i = 0; i < chunk.Count; i++)
                {
                    var (index, record) = chunk[i];
                    var item = i < answer.Items.Count ? answer.Items[i] : null;
                    results[index] = item is null || item.CampaignId != record.Event.Campaign.CampaignId
                        ? StepResult.Failed(LookupFailures.Unmatched(Service))
                        : Map(record, item);
                }
            },
            (chunk, failure) => FailAll(chunk, failure, results),
            cancellationToken);

    private static KnownContentRequest ToRequest(EnrichedCampaign record) => new()
    {
        CampaignId = record.Event.Campaign.CampaignId,
        ContentIds = record.Event.Campaign.ContentIds,
        SegmentIds = record.Event.Campaign.SegmentIds,
    };

    private static StepResult Map(EnrichedCampaign record, KnownContentBatchItem item)
    {
        if (LookupFailures.FromStatus(Service, item.Status, item.Message) is { } failure)
        {
            return StepResult.Failed(failure);
        }

        return item.Result is { } result
            ? StepResult.Ok(record with { KnownContentIds = result.KnownContentIds, EstimatedReach = result.EstimatedReach })
            : StepResult.Failed(LookupFailures.Incomplete(Service));
    }
}
