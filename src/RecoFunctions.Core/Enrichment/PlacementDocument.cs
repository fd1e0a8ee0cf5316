namespace RecoFunctions.Core.Enrichment;

/// <summary>A placement: where on which surface a campaign's items appear and how many fit.</summary>
public sealed record PlacementDocument
{
    public string PlacementId { get; init; } = string.Empty;

    public string? Surface { get; init; }

    public int Slots { get; init; }

    public int MaxItems { get; init; }
}
