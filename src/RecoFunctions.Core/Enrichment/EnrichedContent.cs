using RecoFunctions.Core.Domain;

namespace RecoFunctions.Core.Enrichment;

/// <summary>A content event and, once the <c>content-api</c> step ran, the full content.</summary>
internal sealed record EnrichedContent(WorkItem Item, ContentEvent Event) : EnrichedRecord(Item)
{
    public ContentDetails? Details { get; init; }
}
