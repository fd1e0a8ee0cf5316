namespace RecoFunctions.Core.Enrichment;

/// <summary>Answer of <c>POST /placements/batch</c>: one item per requested id, in request order.</summary>
public sealed record PlacementBatchResponse
{
    public IReadOnlyList<PlacementBatchItem> Items { get; set; } = [];
}
