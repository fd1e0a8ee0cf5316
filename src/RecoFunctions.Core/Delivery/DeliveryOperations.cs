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

    public static DeliveryOperation From(EnrichedContent record)
    {
        var removal = record.Event.IsRemoval;
        return new DeliveryOperation
        {
            Kind = DeliveryKinds.Item,
            Action = removal ? DeliveryActions.Delete : DeliveryActions.Upsert,
            Key = record.Event.Key,
            Version = record.Event.Version,
            ProducedAt = record.Item.ProducedAt,
            Payload = removal ? null : ItemPayloadOf(record),
        };
    }

    public static DeliveryOperation From(EnrichedCampaign record)
    {
        var retirement = record.Event.IsRetirement;
        return new DeliveryOperation
        {
            Kind = DeliveryKinds.Campaign,
            Action = retirement ? DeliveryActions.Retire : DeliveryActions.Upsert,
            Key = record.Event.Key,
            Version = record.Event.Version,
            ProducedAt = record.Item.ProducedAt,
            Payload = retirement ? null : CampaignPayloadOf(record),
        };
    }

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
            SourceUrl = content.SourceUrl?.ToString(),
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
