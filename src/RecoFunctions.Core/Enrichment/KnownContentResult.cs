namespace RecoFunctions.Core.Enrichment;

public sealed record KnownContentResult
{
    public string CampaignId { get; init; } = string.Empty;

    public IReadOnlyList<string> KnownContentIds { get; init; } = [];

    public IReadOnlyList<string> UnknownContentIds { get; init; } = [];

    /// <summary>Estimated number of users the campaign's segments reach.</summary>
    public long EstimatedReach { get; init; }
}
