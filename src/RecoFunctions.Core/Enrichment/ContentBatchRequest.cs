namespace RecoFunctions.Core.Enrichment;

/// <summary>Body of <c>POST /contents/batch</c>.</summary>
public sealed record ContentBatchRequest
{
    public IReadOnlyList<ContentRef> Items { get; set; } = [];
}
