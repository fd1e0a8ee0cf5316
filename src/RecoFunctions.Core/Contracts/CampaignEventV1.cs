namespace RecoFunctions.Core.Contracts;

/// <summary>Wire shape of a campaign event, v1.</summary>
public sealed record CampaignEventV1
{
    public string? EventId { get; init; }

    public string? EventType { get; init; }

    public DateTimeOffset? OccurredAt { get; init; }

    public CampaignV1? Campaign { get; init; }
}
