namespace RecoFunctions.Core.Domain;

public sealed record ContentEvent(string EventId, ContentEventType EventType, DateTimeOffset OccurredAt, ContentItem Content)
    : PipelineEvent(EventId, OccurredAt)
{
    public override string Key => Content.ContentId;

    public override long Version => Content.Version;

    public override string EventTypeName => EventType switch
    {
        ContentEventType.Published => "content.published",
        ContentEventType.Updated => "content.updated",
        ContentEventType.Unpublished => "content.unpublished",
        _ => throw new InvalidOperationException($"Unknown content event type {EventType}."),
    };

    /// <summary>An unpublished item is removed from the recommender; everything else is upserted.</summary>
    public bool IsRemoval => EventType == ContentEventType.Unpublished;
}
