namespace RecoFunctions.Core.Contracts;

public sealed record CampaignV1
{
    public string? CampaignId { get; set; }

    public long? Version { get; set; }

    public string? Name { get; set; }

    public string? PlacementId { get; set; }

    public IReadOnlyList<string>? ContentIds { get; set; }

    public IReadOnlyList<string>? SegmentIds { get; set; }

    public int? Priority { get; set; }

    public DateTimeOffset? StartAt { get; set; }

    public DateTimeOffset? EndAt { get; set; }
}
