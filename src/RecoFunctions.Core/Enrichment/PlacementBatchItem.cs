namespace RecoFunctions.Core.Enrichment;

public sealed record PlacementBatchItem
{
    public string PlacementId { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public PlacementDocument? Placement { get; set; }

    public string? Message { get; set; }
}
