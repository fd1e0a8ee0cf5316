using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Delivery;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Processing;
using RecoFunctions.Sandbox.Knobs;
using RecoFunctions.Testing;

namespace RecoFunctions.Core.Tests.Processing;

public sealed class BatchProcessorContentTests
{
    [Fact]
    public async Task ProcessAsync_BatchWithMixedAnswers_GivesExactOutcomePerMessage()
    {
        await using var harness = await RecoServicesHarness.StartAsync();
        var held = WorkItems.Content("art-held", 5);
        await harness.Processor.ProcessAsync(new BatchStepRequest("content", [held], 1), CancellationToken.None);
        var items = new[]
        {
            WorkItems.Content("art-1"),
            WorkItems.Content("missing-1"),
            WorkItems.Content("rejected-1"),
            WorkItems.Content("art-held", 3),
            WorkItems.Content("art-gone", 2, ContentEventType.Unpublished),
            WorkItems.Content("missing-2", 1, ContentEventType.Unpublished),
        };

        var result = await harness.Processor.ProcessAsync(new BatchStepRequest("content", items, 1), CancellationToken.None);

        Assert.Equal(
            [
                ItemOutcome.Delivered(items[0].Id),
                ItemOutcome.DeadLetter(items[1].Id, new DeadLetterFailure(DeadLetterStage.Enrich, "content-api: 404 NotFound (content 'missing-1' does not exist)") { Source = "content-api", Status = 404 }),
                ItemOutcome.DeadLetter(items[2].Id, new DeadLetterFailure(DeadLetterStage.Deliver, "recommender-api: 400 rejected (key 'rejected-1' is on the sandbox's reject list)") { Source = "recommender-api", Status = 400 }),
                ItemOutcome.Stale(items[3].Id),
                ItemOutcome.Delivered(items[4].Id),
                ItemOutcome.Delivered(items[5].Id),
            ],
            result.Outcomes);
        var recorder = harness.Sandbox.Recorder;
        Assert.True(recorder.IsRemoved(DeliveryKinds.Item, "art-gone"));
        Assert.Equal(5, recorder.GetHeldVersion(DeliveryKinds.Item, "art-held"));
        Assert.Equal(0, recorder.Counts.DuplicatesApplied);
    }

    [Fact]
    public async Task ProcessAsync_MissingContent_DeadLettersAfterExactlyOneCall()
    {
        await using var harness = await RecoServicesHarness.StartAsync();
        var item = WorkItems.Content("missing-7");

        var result = await harness.Processor.ProcessAsync(new BatchStepRequest("content", [item], 1), CancellationToken.None);

        var outcome = Assert.Single(result.Outcomes);
        Assert.Equal(OutcomeKind.DeadLettered, outcome.Kind);
        Assert.Equal(PipelineStage.Enrich, outcome.Stage);
        Assert.Contains("content-api", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains("404", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(1, harness.Sandbox.Knobs.ContentApi.TotalCalls);
        Assert.Equal(0, harness.Sandbox.Knobs.RecommenderDelivery.TotalCalls);
    }

    [Fact]
    public async Task ProcessAsync_ScriptedServerErrorOnOneContentChunk_FailsOnlyThatChunk()
    {
        await using var harness = await RecoServicesHarness.StartAsync(new Dictionary<string, string?> { ["Services:content-api:BatchSize"] = "10" });
        harness.Sandbox.Knobs.ContentApi.Enqueue(ScriptedResponse.InternalServerError());
        var items = WorkItems.Contents(30, "chunked");

        var result = await harness.Processor.ProcessAsync(new BatchStepRequest("content", items, 1), CancellationToken.None);

        var failed = Enumerable.Range(0, items.Count).Where(i => result.Outcomes[i].Kind == OutcomeKind.RetryLater).ToList();
        Assert.Equal(10, failed.Count);
        Assert.Equal(Enumerable.Range(failed[0], 10), failed);
        Assert.Equal(0, failed[0] % 10);
        Assert.All(failed, i =>
        {
            Assert.Equal(PipelineStage.Enrich, result.Outcomes[i].Stage);
            Assert.StartsWith("content-api: 500 InternalServerError", result.Outcomes[i].Reason, StringComparison.Ordinal);
        });
        Assert.Equal(20, result.Outcomes.Count(o => o.Kind == OutcomeKind.Delivered));
        Assert.Equal(3, harness.Sandbox.Knobs.ContentApi.CallsTo("POST /contents/batch"));
        Assert.Equal(20, harness.Sandbox.Recorder.Counts.Applied);
    }

    [Fact]
    public async Task ProcessAsync_ScriptedUnavailableOnOneDeliveryChunk_FailsOnlyThatChunkAtDelivery()
    {
        await using var harness = await RecoServicesHarness.StartAsync(new Dictionary<string, string?> { ["Services:recommender-api:BatchSize"] = "10" });
        harness.Sandbox.Knobs.RecommenderDelivery.Enqueue(ScriptedResponse.ServiceUnavailable());
        var items = WorkItems.Contents(25, "deliver-chunked");

        var result = await harness.Processor.ProcessAsync(new BatchStepRequest("content", items, 1), CancellationToken.None);

        var failed = Enumerable.Range(0, items.Count).Where(i => result.Outcomes[i].Kind == OutcomeKind.RetryLater).ToList();
        Assert.NotEmpty(failed);
        Assert.Equal(0, failed[0] % 10);
        Assert.Equal(Enumerable.Range(failed[0], Math.Min(10, items.Count - failed[0])), failed);
        Assert.All(failed, i => Assert.Equal(PipelineStage.Deliver, result.Outcomes[i].Stage));
        Assert.All(failed, i => Assert.StartsWith("recommender-api: 503 ServiceUnavailable", result.Outcomes[i].Reason, StringComparison.Ordinal));
        Assert.Equal(items.Count - failed.Count, result.Outcomes.Count(o => o.Kind == OutcomeKind.Delivered));
        Assert.Equal(items.Count - failed.Count, harness.Sandbox.Recorder.Counts.Applied);
    }

    [Fact]
    public async Task ProcessAsync_VersionsOfOneKeyInDifferentDeliveryChunks_ArriveInOrderAndAreAllApplied()
    {
        await using var harness = await RecoServicesHarness.StartAsync(new Dictionary<string, string?> { ["Services:recommender-api:BatchSize"] = "2" });
        harness.Sandbox.Knobs.RecommenderDelivery.LatencyJitter = TimeSpan.FromMilliseconds(30);
        var items = Enumerable.Range(1, 12).Select(version => WorkItems.Content(version % 2 == 0 ? "art-even" : "art-odd", version)).ToArray();

        var result = await harness.Processor.ProcessAsync(new BatchStepRequest("content", items, 1), CancellationToken.None);

        Assert.All(result.Outcomes, outcome => Assert.Equal(OutcomeKind.Delivered, outcome.Kind));
        Assert.Equal(12, harness.Sandbox.Recorder.Counts.Applied);
        Assert.Equal(0, harness.Sandbox.Recorder.Counts.Stale);
    }

    [Fact]
    public async Task ProcessAsync_KeysRepeatingWithinTheBatch_DeliversInOneRequestEveryVersionApplied()
    {
        await using var harness = await RecoServicesHarness.StartAsync();
        var keys = new[] { "art-a", "art-b", "art-c" };
        var items = Enumerable.Range(1, 4).SelectMany(version => keys.Select(key => WorkItems.Content(key, version))).ToArray();

        var result = await harness.Processor.ProcessAsync(new BatchStepRequest("content", items, 1), CancellationToken.None);

        Assert.All(result.Outcomes, outcome => Assert.Equal(OutcomeKind.Delivered, outcome.Kind));
        Assert.Equal(items.Select(item => item.Id), result.Outcomes.Select(outcome => outcome.Id));
        Assert.Equal(1, harness.Sandbox.Knobs.RecommenderDelivery.CallsTo("POST /deliveries/batch"));
        Assert.Equal(12, harness.Sandbox.Recorder.Counts.Applied);
        Assert.All(keys, key => Assert.Equal(
            [(1L, DeliveryStatuses.Applied), (2, DeliveryStatuses.Applied), (3, DeliveryStatuses.Applied), (4, DeliveryStatuses.Applied)],
            harness.Sandbox.Recorder.GetDeliveries(key, DeliveryKinds.Item).Select(record => (record.Version, record.Status))));
    }

    [Fact]
    public async Task ProcessAsync_DeliveriesHeld_EnrichesFirstAndDeliversOnceReleased()
    {
        await using var harness = await RecoServicesHarness.StartAsync();
        var processor = harness.Processor;
        var atGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var items = WorkItems.Contents(3, "held");

        var processing = processor.ProcessAsync(new BatchStepRequest("content", items, 1), _ => { atGate.SetResult(); return release.Task; }, CancellationToken.None);
        await atGate.Task.WaitAsync(Eventually.Timeout);

        Assert.Equal(1, harness.Sandbox.Knobs.ContentApi.TotalCalls);
        Assert.Equal(0, harness.Sandbox.Knobs.RecommenderDelivery.TotalCalls);
        Assert.False(processing.IsCompleted);
        release.SetResult();
        var result = await processing.WaitAsync(Eventually.Timeout);
        Assert.All(result.Outcomes, outcome => Assert.Equal(OutcomeKind.Delivered, outcome.Kind));
        Assert.Equal(3, harness.Sandbox.Recorder.Counts.Applied);
    }

    [Fact]
    public async Task ProcessAsync_NothingLeftToDeliver_NeverWaitsForTheGate()
    {
        await using var harness = await RecoServicesHarness.StartAsync();
        var processor = harness.Processor;

        var result = await processor.ProcessAsync(
            new BatchStepRequest("content", [WorkItems.Content("missing-8")], 1), _ => throw new InvalidOperationException("the gate was asked"), CancellationToken.None);

        Assert.Equal(OutcomeKind.DeadLettered, Assert.Single(result.Outcomes).Kind);
    }

    [Fact]
    public async Task ProcessAsync_GateFails_DeliversNothingAndThrowsItsException()
    {
        await using var harness = await RecoServicesHarness.StartAsync();
        var processor = harness.Processor;

        await Assert.ThrowsAsync<TimeoutException>(() => processor.ProcessAsync(
            new BatchStepRequest("content", WorkItems.Contents(2, "gate"), 1), _ => Task.FromException(new TimeoutException()), CancellationToken.None));

        Assert.Equal(0, harness.Sandbox.Knobs.RecommenderDelivery.TotalCalls);
    }

    [Fact]
    public async Task ProcessAsync_StaleAndDuplicateVersions_AreStaleAndNeverAppliedTwice()
    {
        await using var harness = await RecoServicesHarness.StartAsync();
        var current = WorkItems.Content("art-dup", 5);
        await harness.Processor.ProcessAsync(new BatchStepRequest("content", [current], 1), CancellationToken.None);
        var replay = new[] { WorkItems.Content("art-dup", 5), WorkItems.Content("art-dup", 3), WorkItems.Content("art-dup", 5) };

        var first = await harness.Processor.ProcessAsync(new BatchStepRequest("content", replay, 1), CancellationToken.None);
        var second = await harness.Processor.ProcessAsync(new BatchStepRequest("content", replay, 2), CancellationToken.None);

        Assert.All(first.Outcomes.Concat(second.Outcomes), outcome => Assert.Equal(OutcomeKind.Stale, outcome.Kind));
        var counts = harness.Sandbox.Recorder.Counts;
        Assert.Equal(1, counts.Applied);
        Assert.Equal(6, counts.Stale);
        Assert.Equal(0, counts.DuplicatesApplied);
    }

    [Fact]
    public async Task ProcessAsync_NewerVersionsInOneBatch_AppliesEachOnceAndHoldsTheHighest()
    {
        await using var harness = await RecoServicesHarness.StartAsync();
        var items = new[] { WorkItems.Content("art-seq", 1), WorkItems.Content("art-seq", 2), WorkItems.Content("art-seq", 3) };

        var result = await harness.Processor.ProcessAsync(new BatchStepRequest("content", items, 1), CancellationToken.None);

        Assert.All(result.Outcomes, outcome => Assert.Equal(OutcomeKind.Delivered, outcome.Kind));
        Assert.Equal(3, harness.Sandbox.Recorder.GetHeldVersion(DeliveryKinds.Item, "art-seq"));
    }

    [Fact]
    public async Task ProcessAsync_ServiceUnavailableWithRetryAfter_RetriesLaterAfterThatDelay()
    {
        await using var harness = await RecoServicesHarness.StartAsync();
        harness.Sandbox.Knobs.ContentApi.Enqueue(ScriptedResponse.ServiceUnavailable(TimeSpan.FromSeconds(2)));
        var items = WorkItems.Contents(3, "throttled");

        var result = await harness.Processor.ProcessAsync(new BatchStepRequest("content", items, 1), CancellationToken.None);

        Assert.All(result.Outcomes, outcome =>
        {
            Assert.Equal(OutcomeKind.RetryLater, outcome.Kind);
            Assert.Equal(PipelineStage.Enrich, outcome.Stage);
            Assert.Equal(TimeSpan.FromSeconds(2), outcome.RetryAfter);
        });
    }

    [Fact]
    public async Task ProcessAsync_ContentApiSlowerThanTimeout_RetriesLater()
    {
        await using var harness = await RecoServicesHarness.StartAsync(new Dictionary<string, string?> { ["Services:content-api:Timeout"] = "00:00:00.200" });
        harness.Sandbox.Knobs.ContentApi.Latency = TimeSpan.FromSeconds(30);

        var result = await harness.Processor.ProcessAsync(new BatchStepRequest("content", [WorkItems.Content("slow-1")], 1), CancellationToken.None);

        var outcome = Assert.Single(result.Outcomes);
        Assert.Equal(OutcomeKind.RetryLater, outcome.Kind);
        Assert.Equal("content-api: timeout", outcome.Reason);
    }

    [Fact]
    public async Task ProcessAsync_ContentApiUnreachable_RetriesLater()
    {
        await using var harness = await RecoServicesHarness.StartAsync(new Dictionary<string, string?> { ["Services:content-api:BaseUrl"] = ClosedPort.Url().ToString() });

        var result = await harness.Processor.ProcessAsync(new BatchStepRequest("content", [WorkItems.Content("art-1")], 1), CancellationToken.None);

        var outcome = Assert.Single(result.Outcomes);
        Assert.Equal(OutcomeKind.RetryLater, outcome.Kind);
        Assert.StartsWith("content-api: connection failed", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessAsync_ManyChunks_KeepsAtMostMaxConcurrencyCallsInFlight()
    {
        var time = new WatchedTimeProvider();
        await using var harness = await RecoServicesHarness.StartAsync(
            new Dictionary<string, string?> { ["Services:content-api:BatchSize"] = "1", ["Services:content-api:MaxConcurrency"] = "2" },
            sandboxTime: time);
        var knobs = harness.Sandbox.Knobs.ContentApi;
        knobs.Latency = TimeSpan.FromSeconds(1);

        var processing = harness.Processor.ProcessAsync(new BatchStepRequest("content", WorkItems.Contents(10, "bounded"), 1), CancellationToken.None);

        // Both slots are taken and held (the sandbox's clock does not move); a third call would show in the peak.
        await Eventually.WaitUntilAsync(() => time.ActiveTimerCount == 2, what: "two calls waiting in the sandbox");
        knobs.Latency = TimeSpan.Zero;
        time.Advance(TimeSpan.FromSeconds(1));
        var result = await processing.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, knobs.PeakConcurrentCalls);
        Assert.Equal(10, knobs.TotalCalls);
        Assert.All(result.Outcomes, outcome => Assert.Equal(OutcomeKind.Delivered, outcome.Kind));
    }

    [Fact]
    public async Task ProcessAsync_EventOfTheOtherFlow_DeadLettersIt()
    {
        await using var harness = await RecoServicesHarness.StartAsync();
        var item = WorkItems.Campaign("cmp-1");

        var result = await harness.Processor.ProcessAsync(new BatchStepRequest("content", [item], 1), CancellationToken.None);

        var outcome = Assert.Single(result.Outcomes);
        Assert.Equal(OutcomeKind.DeadLettered, outcome.Kind);
        Assert.Equal("flow 'content' does not take CampaignEvent events", outcome.Reason);
    }

    [Fact]
    public async Task ProcessAsync_UnknownFlow_Throws()
    {
        await using var harness = await RecoServicesHarness.StartAsync();

        await Assert.ThrowsAsync<KeyNotFoundException>(() => harness.Processor.ProcessAsync(new BatchStepRequest("nope", [WorkItems.Content("a")], 1), CancellationToken.None));
    }

    [Fact]
    public async Task ProcessAsync_NoItems_AnswersNothingWithoutCalls()
    {
        await using var harness = await RecoServicesHarness.StartAsync();

        var result = await harness.Processor.ProcessAsync(new BatchStepRequest("content", [], 1), CancellationToken.None);

        Assert.Empty(result.Outcomes);
        Assert.Equal(0, harness.Sandbox.Knobs.ContentApi.TotalCalls);
    }

    [Fact]
    public async Task ProcessAsync_Cancelled_Throws()
    {
        await using var harness = await RecoServicesHarness.StartAsync();
        harness.Sandbox.Knobs.ContentApi.Latency = TimeSpan.FromSeconds(30);
        using var cancellation = new CancellationTokenSource();

        var processing = harness.Processor.ProcessAsync(new BatchStepRequest("content", [WorkItems.Content("a")], 1), cancellation.Token);
        await Eventually.WaitUntilAsync(() => harness.Sandbox.Knobs.ContentApi.TotalCalls == 1, what: "the call to start");
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => processing);
    }
}
