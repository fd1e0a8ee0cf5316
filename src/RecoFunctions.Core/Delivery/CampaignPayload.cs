namespace RecoFunctions.Core.Delivery;

/// <summary>A campaign as the recommender stores it: the event's fields, its placement and what the recommender API said about it.</summary>
public sealed record CampaignPayload : DeliveryPayload
{
    public string CampaignId { get; set; } = string.Empty;

    public string? Name { get; set; }

    public string PlacementId { get; set; } = string.Empty;

    public string? Surface { get; set; }

    public int? Slots { get; set; }

    public int? MaxItems { get; set; }

    public IReadOnlyList<string> ContentIds { get; set; } = [];

    /// <summary>The subset of <see cref="ContentIds"/> the recommender knows; null when not enriched.</summary>
    public IReadOnlyList<string>? KnownContentIds { get; set; }

    public IReadOnlyList<string> SegmentIds { get; set; } = [];

    public long? EstimatedReach { get; set; }

    public int Priority { get; set; }

    public DateTimeOffset? StartAt { get; set; }

    public DateTimeOffset? EndAt { get; set; }
}
