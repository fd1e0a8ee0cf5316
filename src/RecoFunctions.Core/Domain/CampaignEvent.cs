namespace RecoFunctions.Core.Domain;

public sealed record CampaignEvent(string EventId, CampaignEventType EventType, DateTimeOffset OccurredAt, Campaign Campaign)
    : PipelineEvent(EventId, OccurredAt)
{
    public override string Key => Campaign.CampaignId;

    public override long Version => Campaign.Version;

    public override string EventTypeName => EventType switch
    {
        CampaignEventType.Activated => "campaign.activated",
        CampaignEventType.Updated => "campaign.updated",
        CampaignEventType.Paused => "campaign.paused",
        CampaignEventType.Ended => "campaign.ended",
        _ => throw new InvalidOperationException($"Unknown campaign event type {EventType}."),
    };

    /// <summary>Paused and ended campaigns are retired in the recommender; the others are upserted.</summary>
    public bool IsRetirement => EventType is CampaignEventType.Paused or CampaignEventType.Ended;
}
