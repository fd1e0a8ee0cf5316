namespace RecoFunctions.Core.Enrichment;

/// <summary>Body of <c>POST /placements/batch</c>.</summary>
public sealed record PlacementBatchRequest
{
    public IReadOnlyList<string> PlacementIds { get; set; } = [];
}
