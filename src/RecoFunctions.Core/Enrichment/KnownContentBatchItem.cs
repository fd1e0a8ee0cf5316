namespace RecoFunctions.Core.Enrichment;

public sealed record KnownContentBatchItem
{
    public string CampaignId { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public KnownContentResult? Result { get; set; }

    public string? Message { get; set; }
}
