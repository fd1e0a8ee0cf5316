using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Delivery;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Processing;
using RecoFunctions.Testing;

namespace RecoFunctions.Core.Tests.Processing;

public sealed class BatchProcessorCampaignTests
{
    [Fact]
    public async Task ProcessAsync_ActivatedCampaigns_AreEnrichedAndDelivered()
    {
        await using var harness = await RecoServicesHarness.StartAsync();
        var items = new[] { WorkItems.Campaign("cmp-1"), WorkItems.Campaign("cmp-2", 3), WorkItems.Campaign("cmp-3", placementId: "article-rail") };

        var result = await harness.Processor.ProcessAsync(new BatchStepRequest("campaign", items, 1), CancellationToken.None);

        Assert.Equal(items.Select(i => ItemOutcome.Delivered(i.Id)), result.Outcomes);
        Assert.Equal(3, harness.Sandbox.Recorder.GetHeldVersion(DeliveryKinds.Campaign, "cmp-2"));
        Assert.True(harness.Sandbox.Recorder.IsLive(DeliveryKinds.Campaign, "cmp-1"));
        Assert.Equal(1, harness.Sandbox.Knobs.RecommenderApi.CallsTo("POST /recommender/known-content/batch"));
        Assert.Equal(1, harness.Sandbox.Knobs.PlacementApi.CallsTo("POST /placements/batch"));
    }

    [Fact]
    public async Task ProcessAsync_UnknownPlacement_DeadLettersOnlyThatCampaign()
    {
        await using var harness = await RecoServicesHarness.StartAsync();
        var items = new[] { WorkItems.Campaign("cmp-ok"), WorkItems.Campaign("cmp-lost", placementId: "unknown-slot") };

        var result = await harness.Processor.ProcessAsync(new BatchStepRequest("campaign", items, 1), CancellationToken.None);

        Assert.Equal(
            [
                ItemOutcome.Delivered(items[0].Id),
                ItemOutcome.DeadLetter(items[1].Id, new DeadLetterFailure(DeadLetterStage.Enrich, "placement-api: 404 NotFound (placement 'unknown-slot' does not exist)") { Source = "placement-api", Status = 404 }),
            ],
            result.Outcomes);
    }

    [Fact]
    public async Task ProcessAsync_PausedAndEndedCampaigns_AreRetiredWithoutEnrichment()
    {
        await using var harness = await RecoServicesHarness.StartAsync();
        var items = new[]
        {
            WorkItems.Campaign("cmp-p", 2, CampaignEventType.Paused, placementId: "unknown-p"),
            WorkItems.Campaign("cmp-e", 4, CampaignEventType.Ended),
        };

        var result = await harness.Processor.ProcessAsync(new BatchStepRequest("campaign", items, 1), CancellationToken.None);

        Assert.Equal(items.Select(i => ItemOutcome.Delivered(i.Id)), result.Outcomes);
        Assert.True(harness.Sandbox.Recorder.IsRemoved(DeliveryKinds.Campaign, "cmp-p"));
        Assert.Equal(0, harness.Sandbox.Knobs.RecommenderApi.TotalCalls);
        Assert.Equal(0, harness.Sandbox.Knobs.PlacementApi.TotalCalls);
    }

    [Fact]
    public async Task ProcessAsync_CampaignsSharingAPlacement_AskForItOnce()
    {
        await using var harness = await RecoServicesHarness.StartAsync(new Dictionary<string, string?> { ["Services:placement-api:BatchSize"] = "1" });
        var items = Enumerable.Range(1, 6).Select(i => WorkItems.Campaign($"cmp-{i}", placementId: i % 2 == 0 ? "home-hero" : "article-rail")).ToArray();

        var result = await harness.Processor.ProcessAsync(new BatchStepRequest("campaign", items, 1), CancellationToken.None);

        Assert.All(result.Outcomes, outcome => Assert.Equal(OutcomeKind.Delivered, outcome.Kind));
        Assert.Equal(2, harness.Sandbox.Knobs.PlacementApi.CallsTo("POST /placements/batch"));
    }

    [Fact]
    public async Task ProcessAsync_PlacementApiDownForOneId_FailsOnlyCampaignsOfThatChunk()
    {
        await using var harness = await RecoServicesHarness.StartAsync(new Dictionary<string, string?> { ["Services:placement-api:BatchSize"] = "1" });
        harness.Sandbox.Knobs.PlacementApi.Enqueue(Sandbox.Knobs.ScriptedResponse.ServiceUnavailable());
        var items = new[]
        {
            WorkItems.Campaign("cmp-a1", placementId: "a"),
            WorkItems.Campaign("cmp-b1", placementId: "b"),
            WorkItems.Campaign("cmp-a2", placementId: "a"),
        };

        var result = await harness.Processor.ProcessAsync(new BatchStepRequest("campaign", items, 1), CancellationToken.None);

        var retried = result.Outcomes.Where(o => o.Kind == OutcomeKind.RetryLater).Select(o => o.Id).ToHashSet();
        var expected = retried.Contains(items[1].Id) ? new[] { items[1].Id } : new[] { items[0].Id, items[2].Id };
        Assert.Equal(expected.ToHashSet(), retried);
        Assert.All(result.Outcomes.Where(o => o.Kind == OutcomeKind.RetryLater), o => Assert.StartsWith("placement-api: 503", o.Reason, StringComparison.Ordinal));
        Assert.Equal(items.Length - retried.Count, result.Outcomes.Count(o => o.Kind == OutcomeKind.Delivered));
    }

    [Fact]
    public async Task ProcessAsync_RecommenderApiUnreachable_RetriesLaterWithTheRecommendersReason()
    {
        await using var harness = await RecoServicesHarness.StartAsync();
        harness.Sandbox.Knobs.RecommenderApi.StartOutage(502);

        var result = await harness.Processor.ProcessAsync(new BatchStepRequest("campaign", [WorkItems.Campaign("cmp-1")], 1), CancellationToken.None);

        var outcome = Assert.Single(result.Outcomes);
        Assert.Equal(OutcomeKind.RetryLater, outcome.Kind);
        Assert.StartsWith("recommender-api: 502 BadGateway", outcome.Reason, StringComparison.Ordinal);
    }
}
