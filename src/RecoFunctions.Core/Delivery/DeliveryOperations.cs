using RecoFunctions.Core.Enrichment;

namespace RecoFunctions.Core.Delivery;

/// <summary>What the recommender is told for an enriched record: content is upserted or deleted, campaigns upserted or retired.</summary>
internal static class DeliveryOperations
{
    public static DeliveryOperation From(EnrichedRecord record) => record switch
    {
        EnrichedContent content => From(content),
        EnrichedCampaign campaign => From(campaign),
        _ => throw new ArgumentException($"No delivery for {record.GetType().Name}.", nameof(record)),
    };

    public static DeliveryOperation From(EnrichedContent record) => record.Event.IsRemoval
        ? Operation(record, DeliveryKinds.Item, DeliveryActions.Delete, null)
        : Operation(record, DeliveryKinds.Item, DeliveryActions.Upsert, ItemPayloadOf(record));

    public static DeliveryOperation From(EnrichedCampaign record) => record.Event.IsRetirement
        ? Operation(record, DeliveryKinds.Campaign, DeliveryActions.Retire, null)
        : Operation(record, DeliveryKinds.Campaign, DeliveryActions.Upsert, CampaignPayloadOf(record));

    private static DeliveryOperation Operation(EnrichedRecord record, string kind, string action, DeliveryPayload? payload) => new()
    {
        Kind = kind,
        Action = action,
        Key = record.Item.Event.Key,
        Version = record.Item.Event.Version,
        ProducedAt = record.Item.ProducedAt,
        Payload = payload,
    };

    private static ItemPayload ItemPayloadOf(EnrichedContent record)
    {
        var content = record.Event.Content;
        var details = record.Details;
        return new ItemPayload
        {
            ContentId = content.ContentId,
            Kind = content.Kind,
            Title = content.Title ?? details?.Title,
            Summary = details?.Summary,
            Body = details?.Body,
            Author = details?.Author,
            Category = details?.Category,
            Locale = content.Locale,
            SourceUrl = content.SourceUrl,
            ImageUrl = details?.ImageUrl,
            WordCount = details?.WordCount,
            Tags = content.Tags.Count > 0 ? content.Tags : details?.Tags ?? [],
            PublishedAt = content.PublishedAt,
        };
    }

    private static CampaignPayload CampaignPayloadOf(EnrichedCampaign record)
    {
        var campaign = record.Event.Campaign;
        return new CampaignPayload
        {
            CampaignId = campaign.CampaignId,
            Name = campaign.Name,
            PlacementId = campaign.PlacementId,
            Surface = record.Placement?.Surface,
            Slots = record.Placement?.Slots,
            MaxItems = record.Placement?.MaxItems,
            ContentIds = campaign.ContentIds,
            KnownContentIds = record.KnownContentIds,
            SegmentIds = campaign.SegmentIds,
            EstimatedReach = record.EstimatedReach,
            Priority = campaign.Priority,
            StartAt = campaign.StartAt,
            EndAt = campaign.EndAt,
        };
    }
}
