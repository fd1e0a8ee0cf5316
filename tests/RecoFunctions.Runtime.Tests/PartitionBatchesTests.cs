using RecoFunctions.Core.Delivery;
using RecoFunctions.Testing;
using Xunit.Abstractions;

namespace RecoFunctions.Runtime.Tests;

/// <summary>Batches of one partition side by side: key-disjoint ones overlap, ones sharing a key keep partition order.</summary>
[Collection(RuntimeCollection.Name)]
public sealed class PartitionBatchesTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RunAsync_KeyDisjointBatchesOfOnePartition_CallTheServicesSideBySide()
    {
        await using var harness = await RuntimeHarness.StartAsync(output, OneMessageBatches(batchesPerPartition: 4), partitions: 1);
        harness.Sandbox.Knobs.ContentApi.Latency = TimeSpan.FromMilliseconds(300);
        var now = DateTimeOffset.UtcNow;
        var events = Enumerable.Range(0, 8).Select(i => TestEvents.Content($"art-{i}", 1, now)).ToList();
        harness.Produce(events);

        await using var running = harness.Start("side-by-side");
        await running.WaitUntilIdleAsync();
        await running.StopAsync();

        Assert.All(events, e => Assert.True(harness.Sandbox.Recorder.WasApplied(e.Kind, e.Key, e.Version), $"{e.Key} not delivered"));
        // Side by side, the batches' lookups either overlap or, started together, share a request; one after another
        // (the next test) they would be as many requests as batches, never two at once.
        var content = harness.Sandbox.Knobs.ContentApi;
        Assert.InRange(content.PeakConcurrentCalls, 1, 4);
        Assert.True(
            content.PeakConcurrentCalls >= 2 || content.CallsTo("POST /contents/batch") < events.Count,
            $"peak {content.PeakConcurrentCalls} concurrent calls, {content.CallsTo("POST /contents/batch")} calls for {events.Count} batches");
    }

    [Fact]
    public async Task RunAsync_OneBatchAtATimePerPartition_CallsTheServicesOneAfterAnother()
    {
        await using var harness = await RuntimeHarness.StartAsync(output, OneMessageBatches(batchesPerPartition: 1), partitions: 1);
        harness.Sandbox.Knobs.ContentApi.Latency = TimeSpan.FromMilliseconds(50);
        var now = DateTimeOffset.UtcNow;
        harness.Produce(Enumerable.Range(0, 6).Select(i => TestEvents.Content($"art-{i}", 1, now)));

        await using var running = harness.Start("one-at-a-time");
        await running.WaitUntilIdleAsync();
        await running.StopAsync();

        Assert.Equal(6, running.Runtime.Snapshot().Delivered);
        Assert.Equal(1, harness.Sandbox.Knobs.ContentApi.PeakConcurrentCalls);
    }

    [Fact]
    public async Task RunAsync_ManyVersionsOfFewKeysInOneMessageBatches_AppliesEveryVersionInPartitionOrder()
    {
        await using var harness = await RuntimeHarness.StartAsync(output, OneMessageBatches(batchesPerPartition: 8), partitions: 1);
        // Uneven answer times would let a later batch overtake an earlier one of the same key, were it not held back.
        harness.Sandbox.Knobs.ContentApi.Latency = TimeSpan.FromMilliseconds(1);
        harness.Sandbox.Knobs.ContentApi.LatencyJitter = TimeSpan.FromMilliseconds(20);
        harness.Sandbox.Knobs.RecommenderDelivery.LatencyJitter = TimeSpan.FromMilliseconds(20);
        var now = DateTimeOffset.UtcNow;
        var events = Enumerable.Range(1, 40).SelectMany(version => new[] { TestEvents.Content("art-a", version, now), TestEvents.Content("art-b", version, now), TestEvents.Content($"art-{version}", 1, now) }).ToList();
        harness.Produce(events);

        await using var running = harness.Start("key-order");
        await running.WaitUntilIdleAsync();
        await running.StopAsync();

        var snapshot = running.Runtime.Snapshot();
        Assert.Equal(events.Count, snapshot.Delivered);
        Assert.Equal(0, snapshot.Stale);
        foreach (var key in new[] { "art-a", "art-b" })
        {
            var deliveries = harness.Sandbox.Recorder.GetDeliveries(key, DeliveryKinds.Item);
            Assert.Equal(Enumerable.Range(1, 40).Select(v => (long)v), deliveries.Select(d => d.Version));
            Assert.All(deliveries, d => Assert.Equal(DeliveryStatuses.Applied, d.Status));
        }
    }

    [Fact]
    public async Task RunAsync_InvalidMessageBehindAnUnfinishedBatchOfItsKey_IsDeadLetteredWithoutWaitingForIt()
    {
        await using var harness = await RuntimeHarness.StartAsync(output, OneMessageBatches(batchesPerPartition: 4), partitions: 1);
        var delivery = harness.Sandbox.Knobs.RecommenderDelivery;
        delivery.StartOutage(503);
        var valid = TestEvents.Content("art-a", 1, DateTimeOffset.UtcNow);
        harness.Produce([valid, TestEvents.NotJson(TestEvents.ContentTopic, "art-a")]);

        await using var running = harness.Start("invalid-behind");
        var runtime = running.Runtime;
        // Counts move when a batch finishes a message, the in-flight figure when the poll thread takes the offset in.
        await Eventually.WaitUntilAsync(
            () => runtime.Snapshot() is { DeadLettered: 1, InFlight: 1 }, RuntimeHarness.Timeout, "the invalid message dead-lettered during the outage");
        Assert.Equal(0, runtime.Snapshot().Delivered);
        Assert.Equal(new RuntimeProgress(Consumed: 2, Finished: 1, InFlight: 1), runtime.Progress);

        delivery.EndOutage();
        await running.WaitUntilIdleAsync();
        await running.StopAsync();

        Assert.True(harness.Sandbox.Recorder.WasApplied(valid.Kind, valid.Key, valid.Version));
        Assert.Equal("art-a", System.Text.Encoding.UTF8.GetString(Assert.Single(harness.ReadAll(TestEvents.ContentTopic + ".dlq")).Message.Key!));
    }

    private static Dictionary<string, string?> OneMessageBatches(int batchesPerPartition) => new()
    {
        ["Runtime:MaxBatchSize"] = "1",
        ["Runtime:MaxBatchDelay"] = "00:00:00",
        ["Runtime:MaxBatchesPerPartition"] = batchesPerPartition.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
