namespace RecoFunctions.Core.Contracts;

public sealed record CampaignV1
{
    public string? CampaignId { get; init; }

    public long? Version { get; init; }

    public string? Name { get; init; }

    public string? PlacementId { get; init; }

    public IReadOnlyList<string>? ContentIds { get; init; }

    public IReadOnlyList<string>? SegmentIds { get; init; }

    public int? Priority { get; init; }

    public DateTimeOffset? StartAt { get; init; }

    public DateTimeOffset? EndAt { get; init; }
}
