using RecoFunctions.Core.Resilience;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Core.Enrichment;

/// <summary>Adds the full content to content events, through <c>POST /contents/batch</c>.</summary>
internal sealed class ContentApiStep : EnrichmentStep<EnrichedContent>
{
    private const string Service = ServiceNames.ContentApi;

    private readonly SharedBatchCall<ContentRef, ContentBatchItem> _call;

    public ContentApiStep(IContentApiClient client, BatchCaller caller)
    {
        _call = caller.Create<ContentRef, ContentBatchItem>(
            Service,
            "contents.batch",
            async (refs, token) => (await client.GetBatchAsync(new ContentBatchRequest { Items = refs }, token).ConfigureAwait(false)).Items);
    }

    public override string Name => EnrichmentStepNames.ContentApi;

    // An unpublished item is deleted by key and version; its content is not needed and may already be gone.
    protected override bool Applies(EnrichedContent record) => !record.Event.IsRemoval;

    protected override EnrichedContent Combine(EnrichedContent into, EnrichedContent enriched) => into with { Details = enriched.Details };

    protected override async Task EnrichCoreAsync(IReadOnlyList<IndexedItem<EnrichedContent>> pending, StepResult[] results, CancellationToken cancellationToken)
    {
        var refs = new ContentRef[pending.Count];
        for (var i = 0; i < refs.Length; i++)
        {
            var content = pending[i].Item.Event.Content;
            refs[i] = new ContentRef(content.ContentId, pending[i].Item.Event.Version);
        }

        var answers = await _call.CallAsync(refs, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < answers.Length; i++)
        {
            var (index, record) = pending[i];
            results[index] = answers[i] switch
            {
                { Failure: { } failure } => StepResult.Failed(failure),
                { Answer: { } item } when item.ContentId == record.Event.Content.ContentId => Map(record, item),
                _ => StepResult.Failed(LookupFailures.Unmatched(Service)),
            };
        }
    }

    private static StepResult Map(EnrichedContent record, ContentBatchItem item) =>
        LookupFailures.ToStepResult(Service, item.Status, item.Message, item.Content, content => record with { Details = ContentDetails.From(content) });
}
