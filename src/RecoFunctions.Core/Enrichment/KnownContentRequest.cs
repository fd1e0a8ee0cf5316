namespace RecoFunctions.Core.Enrichment;

/// <summary>Body of <c>POST /recommender/known-content</c>: which of a campaign's contents does the recommender hold, and how many users do its segments reach.</summary>
public sealed record KnownContentRequest
{
    public string CampaignId { get; set; } = string.Empty;

    public IReadOnlyList<string> ContentIds { get; set; } = [];

    public IReadOnlyList<string> SegmentIds { get; set; } = [];
}
