namespace RecoFunctions.Core.Contracts;

/// <summary>Wire shape of a campaign event, v1.</summary>
public sealed record CampaignEventV1
{
    public string? EventId { get; set; }

    public string? EventType { get; set; }

    public DateTimeOffset? OccurredAt { get; set; }

    public CampaignV1? Campaign { get; set; }
}
