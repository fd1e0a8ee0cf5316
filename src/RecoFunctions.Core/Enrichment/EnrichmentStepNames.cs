namespace RecoFunctions.Core.Enrichment;

/// <summary>Names of the built-in steps, as they appear in <c>Pipeline:Flows:&lt;flow&gt;:Steps</c>.</summary>
public static class EnrichmentStepNames
{
    /// <summary>Content flow: the full content from the content API.</summary>
    public const string ContentApi = "content-api";

    /// <summary>Campaign flow: which of the campaign's contents the recommender knows, and the segments' reach.</summary>
    public const string RecommenderKnownContent = "recommender-known-content";

    /// <summary>Campaign flow: the campaign's placement from the placement API.</summary>
    public const string Placement = "placement";
}
