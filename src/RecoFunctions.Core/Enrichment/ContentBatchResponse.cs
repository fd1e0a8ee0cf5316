namespace RecoFunctions.Core.Enrichment;

/// <summary>Answer of <c>POST /contents/batch</c>: one item per requested content, in request order.</summary>
public sealed record ContentBatchResponse
{
    public IReadOnlyList<ContentBatchItem> Items { get; set; } = [];
}
