namespace RecoFunctions.Core.Domain;

public sealed record Campaign(
    string CampaignId,
    long Version,
    string? Name,
    string PlacementId,
    IReadOnlyList<string> ContentIds,
    IReadOnlyList<string> SegmentIds,
    int Priority,
    DateTimeOffset? StartAt,
    DateTimeOffset? EndAt);
