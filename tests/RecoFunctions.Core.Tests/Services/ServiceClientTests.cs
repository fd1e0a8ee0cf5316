using Microsoft.Extensions.DependencyInjection;
using RecoFunctions.Core.Delivery;
using RecoFunctions.Core.Enrichment;
using RecoFunctions.Core.Services;
using RecoFunctions.Testing;

namespace RecoFunctions.Core.Tests.Services;

public sealed class ServiceClientTests
{
    private static readonly DateTimeOffset ProducedAt = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ContentClient_GetExisting_ReturnsTheContent()
    {
        await using var harness = await RecoServicesHarness.StartAsync();
        var client = harness.Services.GetRequiredService<IContentApiClient>();

        var content = await client.GetAsync("art-1", 4, CancellationToken.None);

        Assert.Equal("art-1", content.ContentId);
        Assert.Equal(4, content.Version);
        Assert.False(string.IsNullOrEmpty(content.Body?.ToString()));
    }

    [Fact]
    public async Task ContentClient_GetMissing_ThrowsAPermanentFailure()
    {
        await using var harness = await RecoServicesHarness.StartAsync();
        var client = harness.Services.GetRequiredService<IContentApiClient>();

        var exception = await Assert.ThrowsAsync<ServiceCallException>(() => client.GetAsync("missing-1", 1, CancellationToken.None));

        Assert.Equal(404, exception.StatusCode);
        Assert.False(exception.Failure.IsTransient);
        Assert.Equal("content-api: 404 NotFound (content 'missing-1' does not exist)", exception.Failure.Reason);
    }

    [Fact]
    public async Task Clients_ApiKeyConfigured_SendItToTheService()
    {
        await using var harness = await RecoServicesHarness.StartAsync(sandbox: options => options.ApiKey = "s3cret");
        var content = harness.Services.GetRequiredService<IContentApiClient>();
        var placements = harness.Services.GetRequiredService<IPlacementApiClient>();

        var document = await content.GetAsync("art-1", 1, CancellationToken.None);
        var placement = await placements.GetAsync("home-hero", CancellationToken.None);

        Assert.Equal("art-1", document.ContentId);
        Assert.Equal("home-hero", placement.PlacementId);
    }

    [Fact]
    public async Task Clients_WrongApiKey_FailPermanentlyWith401()
    {
        await using var harness = await RecoServicesHarness.StartAsync(
            new Dictionary<string, string?> { ["Services:content-api:ApiKey"] = "wrong" },
            options => options.ApiKey = "s3cret");
        var client = harness.Services.GetRequiredService<IContentApiClient>();

        var exception = await Assert.ThrowsAsync<ServiceCallException>(() => client.GetAsync("art-1", 1, CancellationToken.None));

        Assert.Equal(401, exception.StatusCode);
        Assert.False(exception.Failure.IsTransient);
    }

    [Fact]
    public async Task RecommenderClient_KnownContent_SplitsKnownFromUnknown()
    {
        await using var harness = await RecoServicesHarness.StartAsync();
        var client = harness.Services.GetRequiredService<IRecommenderApiClient>();

        var result = await client.GetKnownContentAsync(
            new KnownContentRequest { CampaignId = "cmp-1", ContentIds = ["art-1", "missing-1"], SegmentIds = ["seg-1"] }, CancellationToken.None);

        Assert.Equal(["art-1"], result.KnownContentIds);
        Assert.Equal(["missing-1"], result.UnknownContentIds);
        Assert.True(result.EstimatedReach > 0);
    }

    [Fact]
    public async Task DeliveryClient_SingleItemEndpoints_ApplyEachOperation()
    {
        await using var harness = await RecoServicesHarness.StartAsync();
        var client = harness.Services.GetRequiredService<IRecommenderDeliveryClient>();
        var upsertItem = new DeliveryOperation
        {
            Kind = DeliveryKinds.Item, Action = DeliveryActions.Upsert, Key = "art:1 x", Version = 1, ProducedAt = ProducedAt,
            Payload = new ItemPayload { ContentId = "art:1 x" },
        };
        var upsertCampaign = new DeliveryOperation
        {
            Kind = DeliveryKinds.Campaign, Action = DeliveryActions.Upsert, Key = "cmp-1", Version = 1, ProducedAt = ProducedAt,
            Payload = new CampaignPayload { CampaignId = "cmp-1", PlacementId = "p" },
        };

        var results = new[]
        {
            await client.DeliverAsync(upsertItem, CancellationToken.None),
            await client.DeliverAsync(upsertItem, CancellationToken.None),
            await client.DeliverAsync(upsertItem with { Action = DeliveryActions.Delete, Version = 2, Payload = null }, CancellationToken.None),
            await client.DeliverAsync(upsertCampaign, CancellationToken.None),
            await client.DeliverAsync(upsertCampaign with { Action = DeliveryActions.Retire, Version = 2, Payload = null }, CancellationToken.None),
        };

        Assert.Equal(
            [DeliveryStatuses.Applied, DeliveryStatuses.Stale, DeliveryStatuses.Applied, DeliveryStatuses.Applied, DeliveryStatuses.Applied],
            results.Select(r => r.Status));
        Assert.True(harness.Sandbox.Recorder.IsRemoved(DeliveryKinds.Item, "art:1 x"));
        Assert.True(harness.Sandbox.Recorder.IsRemoved(DeliveryKinds.Campaign, "cmp-1"));
        var delete = harness.Sandbox.Recorder.GetDeliveries("art:1 x", DeliveryKinds.Item)[^1];
        Assert.Equal(ProducedAt, delete.ProducedAt);
    }

    [Fact]
    public async Task DeliveryClient_RejectedOperation_ThrowsAPermanentFailure()
    {
        await using var harness = await RecoServicesHarness.StartAsync();
        var client = harness.Services.GetRequiredService<IRecommenderDeliveryClient>();
        var operation = new DeliveryOperation { Kind = DeliveryKinds.Item, Action = DeliveryActions.Upsert, Key = "a", Version = 1, ProducedAt = ProducedAt };

        var exception = await Assert.ThrowsAsync<ServiceCallException>(() => client.DeliverAsync(operation, CancellationToken.None));

        Assert.Equal(400, exception.StatusCode);
        Assert.Equal("recommender-api: 400 BadRequest (payload is required for an upsert)", exception.Failure.Reason);
    }
}
