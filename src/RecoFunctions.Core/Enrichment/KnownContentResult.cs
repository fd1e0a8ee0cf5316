namespace RecoFunctions.Core.Enrichment;

public sealed record KnownContentResult
{
    public string CampaignId { get; set; } = string.Empty;

    public IReadOnlyList<string> KnownContentIds { get; set; } = [];

    public IReadOnlyList<string> UnknownContentIds { get; set; } = [];

    /// <summary>Estimated number of users the campaign's segments reach.</summary>
    public long EstimatedReach { get; set; }
}
