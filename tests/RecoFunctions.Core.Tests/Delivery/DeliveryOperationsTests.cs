using RecoFunctions.Core.Delivery;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Enrichment;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Core.Tests.Delivery;

public sealed class DeliveryOperationsTests
{
    [Fact]
    public void From_PublishedContentWithDetails_UpsertsTheFullItem()
    {
        var item = WorkItems.Content("art-1", 7, tags: []);
        var record = new EnrichedContent(item, (ContentEvent)item.Event)
        {
            Details = new ContentDetails("T", "S", Utf8Text.From("B"), "Author", "sport", "https://img/1.jpg", 321, ["t1"]),
        };

        var operation = DeliveryOperations.From(record);

        Assert.Equal(DeliveryKinds.Item, operation.Kind);
        Assert.Equal(DeliveryActions.Upsert, operation.Action);
        Assert.Equal("art-1", operation.Key);
        Assert.Equal(7, operation.Version);
        Assert.Equal(item.ProducedAt, operation.ProducedAt);
        var payload = Assert.IsType<ItemPayload>(operation.Payload);
        Assert.Equal("art-1", payload.ContentId);
        Assert.Equal("Title of art-1", payload.Title);
        Assert.Equal("B", payload.Body?.ToString());
        Assert.Equal("S", payload.Summary);
        Assert.Equal("Author", payload.Author);
        Assert.Equal(321, payload.WordCount);
        Assert.Equal(["t1"], payload.Tags);
        Assert.Equal("https://cms.example/art-1", payload.SourceUrl);
    }

    [Fact]
    public void From_UnpublishedContent_DeletesWithoutPayload()
    {
        var item = WorkItems.Content("art-1", 8, ContentEventType.Unpublished);

        var operation = DeliveryOperations.From(new EnrichedContent(item, (ContentEvent)item.Event));

        Assert.Equal(DeliveryActions.Delete, operation.Action);
        Assert.Equal(8, operation.Version);
        Assert.Null(operation.Payload);
    }

    [Fact]
    public void From_ActivatedCampaignWithEnrichment_UpsertsEverything()
    {
        var item = WorkItems.Campaign("cmp-1", 3);
        var record = new EnrichedCampaign(item, (CampaignEvent)item.Event)
        {
            Placement = new PlacementDetails("home-hero", "home", 3, 12),
            KnownContentIds = ["art-1"],
            EstimatedReach = 4200,
        };

        var operation = DeliveryOperations.From(record);

        Assert.Equal(DeliveryKinds.Campaign, operation.Kind);
        Assert.Equal(DeliveryActions.Upsert, operation.Action);
        var payload = Assert.IsType<CampaignPayload>(operation.Payload);
        Assert.Equal("cmp-1", payload.CampaignId);
        Assert.Equal("home-hero", payload.PlacementId);
        Assert.Equal("home", payload.Surface);
        Assert.Equal(3, payload.Slots);
        Assert.Equal(12, payload.MaxItems);
        Assert.Equal(["art-1", "missing-1"], payload.ContentIds);
        Assert.Equal(["art-1"], payload.KnownContentIds);
        Assert.Equal(["seg-1", "seg-2"], payload.SegmentIds);
        Assert.Equal(4200, payload.EstimatedReach);
        Assert.Equal(5, payload.Priority);
    }

    [Theory]
    [InlineData(CampaignEventType.Paused)]
    [InlineData(CampaignEventType.Ended)]
    public void From_PausedOrEndedCampaign_Retires(CampaignEventType type)
    {
        var item = WorkItems.Campaign("cmp-1", 4, type);

        var operation = DeliveryOperations.From(new EnrichedCampaign(item, (CampaignEvent)item.Event));

        Assert.Equal(DeliveryActions.Retire, operation.Action);
        Assert.Null(operation.Payload);
    }
}
