namespace RecoFunctions.Core.Delivery;

/// <summary>A campaign as the recommender stores it: the event's fields, its placement and what the recommender API said about it.</summary>
public sealed record CampaignPayload : DeliveryPayload
{
    public string CampaignId { get; init; } = string.Empty;

    public string? Name { get; init; }

    public string PlacementId { get; init; } = string.Empty;

    public string? Surface { get; init; }

    public int? Slots { get; init; }

    public int? MaxItems { get; init; }

    public IReadOnlyList<string> ContentIds { get; init; } = [];

    /// <summary>The subset of <see cref="ContentIds"/> the recommender knows; null when not enriched.</summary>
    public IReadOnlyList<string>? KnownContentIds { get; init; }

    public IReadOnlyList<string> SegmentIds { get; init; } = [];

    public long? EstimatedReach { get; init; }

    public int Priority { get; init; }

    public DateTimeOffset? StartAt { get; init; }

    public DateTimeOffset? EndAt { get; init; }
}
