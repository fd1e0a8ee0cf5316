namespace RecoFunctions.Core.Enrichment;

public sealed record KnownContentBatchItem
{
    public string CampaignId { get; init; } = string.Empty;

    public string Status { get; init; } = string.Empty;

    public KnownContentResult? Result { get; init; }

    public string? Message { get; init; }
}
