namespace RecoFunctions.Core.Enrichment;

/// <summary>What the placement API adds to a campaign event.</summary>
internal sealed record PlacementDetails(string PlacementId, string? Surface, int Slots, int MaxItems)
{
    public static PlacementDetails From(PlacementDocument document) =>
        new(document.PlacementId, document.Surface, document.Slots, document.MaxItems);
}
