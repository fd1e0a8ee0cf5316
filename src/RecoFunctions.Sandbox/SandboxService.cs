namespace RecoFunctions.Sandbox;

/// <summary>The sandbox's services; each has its own knobs.</summary>
public enum SandboxService
{
    /// <summary><c>/contents/…</c></summary>
    ContentApi,

    /// <summary><c>/placements/…</c></summary>
    PlacementApi,

    /// <summary><c>/recommender/…</c>: the query API used for campaign enrichment.</summary>
    RecommenderApi,

    /// <summary><c>/items/…</c>, <c>/campaigns/…</c>, <c>/deliveries/…</c>: the recommender's write API.</summary>
    RecommenderDelivery,
}
