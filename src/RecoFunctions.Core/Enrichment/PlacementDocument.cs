namespace RecoFunctions.Core.Enrichment;

/// <summary>A placement: where on which surface a campaign's items appear and how many fit.</summary>
public sealed record PlacementDocument
{
    public string PlacementId { get; set; } = string.Empty;

    public string? Surface { get; set; }

    public int Slots { get; set; }

    public int MaxItems { get; set; }
}
