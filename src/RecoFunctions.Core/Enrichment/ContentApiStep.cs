using Microsoft.Extensions.Logging;
using RecoFunctions.Core.Resilience;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Core.Enrichment;

/// <summary>Adds the full content to content events, through <c>POST /contents/batch</c>.</summary>
internal sealed class ContentApiStep(IContentApiClient client, BatchCaller caller, ILogger<ContentApiStep> logger)
    : EnrichmentStep<EnrichedContent>
{
    private const string Service = ServiceNames.ContentApi;
    private const string Operation = "contents.batch";

    public override string Name => EnrichmentStepNames.ContentApi;

    // An unpublished item is deleted by key and version; its content is not needed and may already be gone.
    protected override bool Applies(EnrichedContent record) => !record.Event.IsRemoval;

    protected override Task EnrichCoreAsync(IReadOnlyList<IndexedItem<EnrichedContent>> pending, StepResult[] results, CancellationToken cancellationToken) =>
        caller.RunAsync(
            Service,
            Operation,
            pending,
            async (chunk, token) =>
            {
                var request = new ContentBatchRequest
                {
                    Items = [.. chunk.Select(item => new ContentRef(item.Item.Event.Content.ContentId, item.Item.Event.Version))],
                };
                var answer = await client.GetBatchAsync(request, token).ConfigureAwait(false);
                if (answer.Items.Count != chunk.Count)
                {
                    ServicesLog.AnswerMismatch(logger, Service, Operation, answer.Items.Count, chunk.Count);
                }

                for (var i = 0; i < chunk.Count; i++)
                {
                    var (index, record) = chunk[i];
                    var item = i < answer.Items.Count ? answer.Items[i] : null;
                    results[index] = item is null || item.ContentId != record.Event.Content.ContentId
                        ? StepResult.Failed(LookupFailures.Unmatched(Service))
                        : Map(record, item);
                }
            },
            (chunk, failure) => FailAll(chunk, failure, results),
            cancellationToken);

    private static StepResult Map(EnrichedContent record, ContentBatchItem item)
    {
        if (LookupFailures.FromStatus(Service, item.Status, item.Message) is { } failure)
        {
            return StepResult.Failed(failure);
        }

        return item.Content is { } content
            ? StepResult.Ok(record with { Details = ContentDetails.From(content) })
            : StepResult.Failed(LookupFailures.Incomplete(Service));
    }
}
