using Microsoft.Extensions.Logging;
using RecoFunctions.Core.Resilience;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Core.Enrichment;

/// <summary>
/// Adds each campaign's placement (<c>POST /placements/batch</c>). Many campaigns share a placement, so each distinct id
/// is asked for once; a failed chunk fails the campaigns whose placement it was asked for.
/// </summary>
internal sealed class PlacementStep(IPlacementApiClient client, BatchCaller caller, ILogger<PlacementStep> logger)
    : EnrichmentStep<EnrichedCampaign>
{
    private const string Service = ServiceNames.PlacementApi;
    private const string Operation = "placements.batch";

    public override string Name => EnrichmentStepNames.Placement;

    protected override bool Applies(EnrichedCampaign record) => !record.Event.IsRetirement;

    protected override async Task EnrichCoreAsync(IReadOnlyList<IndexedItem<EnrichedCampaign>> pending, StepResult[] results, CancellationToken cancellationToken)
    {
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new List<IndexedItem<string>>();
        foreach (var item in pending)
        {
            var id = item.Item.Event.Campaign.PlacementId;
            if (positions.TryAdd(id, ids.Count))
            {
                ids.Add(new IndexedItem<string>(ids.Count, id));
            }
        }

        var found = new PlacementDocument?[ids.Count];
        var failures = new ServiceFailure?[ids.Count];
        await caller.RunAsync(
            Service,
            Operation,
            ids,
            async (chunk, token) =>
            {
                var answer = await client.GetBatchAsync(new PlacementBatchRequest { PlacementIds = [.. chunk.Select(id => id.Item)] }, token).ConfigureAwait(false);
                if (answer.Items.Count != chunk.Count)
                {
                    ServicesLog.AnswerMismatch(logger, Service, Operation, answer.Items.Count, chunk.Count);
                }

                for (var i = 0; i < chunk.Count; i++)
                {
                    var (index, id) = chunk[i];
                    var item = i < answer.Items.Count ? answer.Items[i] : null;
                    if (item is null || item.PlacementId != id)
                    {
                        failures[index] = LookupFailures.Unmatched(Service);
                    }
                    else
                    {
                        failures[index] = LookupFailures.FromStatus(Service, item.Status, item.Message)
                            ?? (item.Placement is null ? LookupFailures.Incomplete(Service) : null);
                        found[index] = item.Placement;
                    }
                }
            },
            (chunk, failure) =>
            {
                foreach (var id in chunk)
                {
                    failures[id.Index] = failure;
                }
            },
            cancellationToken).ConfigureAwait(false);

        foreach (var (index, record) in pending)
        {
            var position = positions[record.Event.Campaign.PlacementId];
            results[index] = failures[position] is { } failure
                ? StepResult.Failed(failure)
                : StepResult.Ok(record with { Placement = PlacementDetails.From(found[position]!) });
        }
    }
}
