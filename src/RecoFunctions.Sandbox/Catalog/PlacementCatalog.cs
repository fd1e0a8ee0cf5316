using RecoFunctions.Core.Enrichment;

namespace RecoFunctions.Sandbox.Catalog;

/// <summary>Makes up a placement for any id, always the same one; ids with the unknown prefix do not exist.</summary>
internal sealed class PlacementCatalog(SandboxOptions options)
{
    private static readonly string[] Surfaces = ["home", "article", "video", "search", "app"];

    public bool Exists(string placementId) =>
        placementId.Length > 0 && !placementId.StartsWith(options.UnknownPlacementPrefix, StringComparison.Ordinal);

    public PlacementDocument Create(string placementId)
    {
        var state = StableHash.Of(placementId) | 1;
        var slots = 1 + (int)(StableHash.Next(ref state) % 6);
        return new PlacementDocument
        {
            PlacementId = placementId,
            Surface = Surfaces[(int)(StableHash.Next(ref state) % (ulong)Surfaces.Length)],
            Slots = slots,
            MaxItems = slots * 4,
        };
    }
}
