namespace RecoFunctions.Core.Enrichment;

public sealed record PlacementBatchItem
{
    public string PlacementId { get; init; } = string.Empty;

    public string Status { get; init; } = string.Empty;

    public PlacementDocument? Placement { get; init; }

    public string? Message { get; init; }
}
