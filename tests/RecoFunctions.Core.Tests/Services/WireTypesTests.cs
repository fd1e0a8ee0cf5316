using System.Text.Json;
using RecoFunctions.Core.Contracts;
using RecoFunctions.Core.Delivery;
using RecoFunctions.Core.Enrichment;

namespace RecoFunctions.Core.Tests.Services;

public sealed class WireTypesTests
{
    public static TheoryData<Type> HotPathTypes => new()
    {
        typeof(ContentEventV1), typeof(ContentV1), typeof(CampaignEventV1), typeof(CampaignV1),
        typeof(ContentBatchRequest), typeof(ContentRef), typeof(ContentBatchResponse), typeof(ContentBatchItem), typeof(ContentDocument),
        typeof(PlacementBatchRequest), typeof(PlacementBatchResponse), typeof(PlacementBatchItem), typeof(PlacementDocument),
        typeof(KnownContentBatchRequest), typeof(KnownContentRequest), typeof(KnownContentBatchResponse), typeof(KnownContentBatchItem),
        typeof(KnownContentResult), typeof(DeliveryBatchRequest), typeof(DeliveryOperation), typeof(ItemPayload), typeof(CampaignPayload),
        typeof(DeliveryBatchResponse), typeof(DeliveryResult),
    };

    /// <summary>
    /// Init-only properties or constructor parameters make the generated code gather every property as a boxed
    /// argument before it builds the object; settable properties are set as they are read.
    /// </summary>
    [Theory]
    [MemberData(nameof(HotPathTypes))]
    public void GeneratedMetadata_HotPathType_IsCreatedEmptyAndFilledAsRead(Type wireType)
    {
        var type = ContractsJsonContext.Default.GetTypeInfo(wireType) ?? EnrichmentJsonContext.Default.GetTypeInfo(wireType)
            ?? DeliveryJsonContext.Default.GetTypeInfo(wireType);

        Assert.NotNull(type);

        Assert.NotNull(type.CreateObject);
        Assert.All(type.Properties, property => Assert.NotNull(property.Set));
    }

    [Fact]
    public void Deserialize_AbsentLists_ReadAsEmpty()
    {
        var content = JsonSerializer.Deserialize("{}", EnrichmentJsonContext.Default.ContentBatchResponse)!;
        var deliveries = JsonSerializer.Deserialize("{}", DeliveryJsonContext.Default.DeliveryBatchResponse)!;
        var known = JsonSerializer.Deserialize("""{"items":[{"campaignId":"c","status":"ok","result":{}}]}""", EnrichmentJsonContext.Default.KnownContentBatchResponse)!;

        Assert.Empty(content.Items);
        Assert.Empty(deliveries.Results);
        Assert.Empty(known.Items[0].Result!.KnownContentIds);
    }
}
