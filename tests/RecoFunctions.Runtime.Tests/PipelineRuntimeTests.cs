using System.Text;
using Confluent.Kafka;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Runtime.Kafka;
using Xunit.Abstractions;

namespace RecoFunctions.Runtime.Tests;

[Collection(RuntimeCollection.Name)]
public sealed class PipelineRuntimeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RunAsync_ValidAndInvalidEventsOfBothFlows_DeliversValidDeadLettersInvalidAndCommitsToTheEnd()
    {
        await using var harness = await RuntimeHarness.StartAsync(output);
        var now = DateTimeOffset.UtcNow;
        var events = new List<TestEvent>();
        for (var i = 0; i < 150; i++)
        {
            events.Add(TestEvents.Content($"art-{i}", 1 + (i % 3), now));
            events.Add(TestEvents.Campaign($"cmp-{i}", 1 + (i % 2), now));
        }

        events.Insert(17, TestEvents.MissingEventType(TestEvents.ContentTopic, "art-x1"));
        events.Insert(101, TestEvents.NotJson(TestEvents.CampaignTopic, "cmp-x2"));
        events.Insert(202, TestEvents.InvalidUtf8(TestEvents.ContentTopic, "art-x3"));
        var positions = harness.Produce(events);

        await using var running = harness.Start("e2e");
        await running.WaitUntilIdleAsync();
        await running.StopAsync();

        var snapshot = running.Runtime.Snapshot();
        var valid = events.Where(e => e.IsValid).ToList();
        Assert.All(valid, e => Assert.True(harness.Sandbox.Recorder.WasApplied(e.Kind, e.Key, e.Version), $"{e.Kind} {e.Key} v{e.Version} not delivered"));
        Assert.Equal(valid.Count, snapshot.Delivered + snapshot.Stale);
        Assert.Equal(3, snapshot.DeadLettered);
        Assert.Equal(0, snapshot.InFlight);
        Assert.Equal(events.Count, snapshot.Consumed);

        var contentDeadLetters = harness.ReadAll(TestEvents.ContentTopic + ".dlq");
        var campaignDeadLetters = harness.ReadAll(TestEvents.CampaignTopic + ".dlq");
        Assert.Equal(2, contentDeadLetters.Count);
        Assert.Single(campaignDeadLetters);
        foreach (var index in new[] { 17, 101, 202 })
        {
            var original = events[index];
            var position = positions[index];
            var deadLetter = Assert.Single(contentDeadLetters.Concat(campaignDeadLetters), record => Header(record, DeadLetterHeaders.OriginalOffset) == position.Offset.Value.ToString()
                && Header(record, DeadLetterHeaders.OriginalPartition) == position.Partition.Value.ToString()
                && Header(record, DeadLetterHeaders.OriginalTopic) == original.Topic);
            Assert.Equal(original.Key, Encoding.UTF8.GetString(deadLetter.Message.Key!));
            Assert.Equal(original.Value, deadLetter.Message.Value);
            Assert.False(string.IsNullOrEmpty(Header(deadLetter, DeadLetterHeaders.Reason)));
            Assert.NotNull(Header(deadLetter, DeadLetterHeaders.DeadLetteredAt));
        }

        Assert.Equal("validate", Header(contentDeadLetters.Single(r => Encoding.UTF8.GetString(r.Message.Key!) == "art-x1"), DeadLetterHeaders.Stage));
        Assert.Contains("required", Header(contentDeadLetters.Single(r => Encoding.UTF8.GetString(r.Message.Key!) == "art-x1"), DeadLetterHeaders.Reason));
        Assert.Equal("parse", Header(campaignDeadLetters[0], DeadLetterHeaders.Stage));

        foreach (var topic in new[] { TestEvents.ContentTopic, TestEvents.CampaignTopic })
        {
            Assert.Equal(harness.EndOffsets(topic), harness.Committed("e2e", topic));
        }
    }

    [Fact]
    public async Task RunAsync_RecommenderOutage_PausesWithoutDeadLetteringAndDeliversEverythingAfterRecovery()
    {
        await using var harness = await RuntimeHarness.StartAsync(output, new Dictionary<string, string?>
        {
            ["Runtime:MaxBufferedPerPartition"] = "20",
            ["Runtime:MaxBatchSize"] = "10",
        });
        var now = DateTimeOffset.UtcNow;
        var events = Enumerable.Range(0, 160).SelectMany(i => new[] { TestEvents.Content($"art-{i}", 1, now), TestEvents.Campaign($"cmp-{i}", 1, now) }).ToList();
        harness.Produce(events);
        var delivery = harness.Sandbox.Knobs.RecommenderDelivery;
        delivery.StartOutage(503);

        await using var running = harness.Start("outage");
        var runtime = running.Runtime;
        await Eventually(() => runtime.Snapshot() is { Pending: > 0, PausedPartitions.Count: > 0 } && delivery.InjectedFailures > 10, "messages waiting and partitions paused");
        var during = runtime.Snapshot();
        Assert.Equal(0, during.DeadLettered);
        Assert.Equal(0, during.Delivered);
        Assert.Equal(0, harness.Sandbox.Recorder.Counts.Received);

        // Memory follows the configuration, not the backlog: at most every partition's buffer was taken before the hold
        // outlasted its limit, and then the partitions under their buffer may fill it while the others stay paused.
        Assert.InRange(during.InFlight, 1, 2 * 8 * 20);

        delivery.EndOutage();
        await running.WaitUntilIdleAsync();
        var after = runtime.Snapshot();

        Assert.All(events, e => Assert.True(harness.Sandbox.Recorder.WasApplied(e.Kind, e.Key, e.Version), $"{e.Key} not delivered"));
        Assert.Equal(0, after.DeadLettered);
        Assert.True(after.Retries > 0);
        Assert.Empty(after.PausedPartitions);
        await running.StopAsync();
        Assert.Empty(harness.ReadAll(TestEvents.ContentTopic + ".dlq"));
        Assert.Empty(harness.ReadAll(TestEvents.CampaignTopic + ".dlq"));
    }

    [Fact]
    public async Task RunAsync_OneFlowsServiceDownWithTheInFlightLimitReached_TheOtherFlowIsStillDelivered()
    {
        // A limit of 40 among 8 partitions: campaigns, stuck behind the placement API, fill it and hold it; after the
        // longest hold the partitions over their share (5) pause and content goes on, each partition paused at its share.
        await using var harness = await RuntimeHarness.StartAsync(output, new Dictionary<string, string?>
        {
            ["Runtime:MaxInFlightMessages"] = "40",
            ["Runtime:MaxBatchSize"] = "10",
        });
        var now = DateTimeOffset.UtcNow;
        var campaigns = Enumerable.Range(0, 200).Select(i => TestEvents.Campaign($"cmp-{i}", 1, now)).ToList();
        var contents = Enumerable.Range(0, 200).Select(i => TestEvents.Content($"art-{i}", 1, now)).ToList();
        var placements = harness.Sandbox.Knobs.PlacementApi;
        placements.StartOutage(503);
        harness.Produce(campaigns);

        await using var running = harness.Start("stuck-flow");
        var runtime = running.Runtime;
        await Eventually(() => runtime.Snapshot() is { InFlight: >= 40, PausedPartitions.Count: > 0 }, "the limit held by campaigns, their partitions paused");
        harness.Produce(contents);

        await Eventually(
            () => contents.TrueForAll(e => harness.Sandbox.Recorder.WasApplied(e.Kind, e.Key, e.Version)),
            "every content event delivered while the placement API is down");
        Assert.DoesNotContain(campaigns, e => harness.Sandbox.Recorder.WasApplied(e.Kind, e.Key, e.Version));
        Assert.Equal(0, runtime.Snapshot().DeadLettered);

        placements.EndOutage();
        await running.WaitUntilIdleAsync();
        Assert.All(campaigns, e => Assert.True(harness.Sandbox.Recorder.WasApplied(e.Kind, e.Key, e.Version), $"{e.Key} not delivered"));
        Assert.Empty(runtime.Snapshot().PausedPartitions);
        await running.StopAsync();
    }

    [Fact]
    public async Task RunAsync_PoisonMessagesAmongHealthyTraffic_DeadLettersThemWithReasonAndDeliversTheRest()
    {
        await using var harness = await RuntimeHarness.StartAsync(output);
        var now = DateTimeOffset.UtcNow;
        var events = Enumerable.Range(0, 60).Select(i => TestEvents.Content($"art-{i}", 1, now)).ToList();
        events.Insert(20, TestEvents.InvalidUtf8(TestEvents.ContentTopic, "art-bad-bytes"));
        events.Insert(40, TestEvents.Oversized(TestEvents.ContentTopic, "art-huge", 2 * 1024 * 1024));
        harness.Produce(events);

        await using var running = harness.Start("poison");
        await running.WaitUntilIdleAsync();
        var snapshot = running.Runtime.Snapshot();
        await running.StopAsync();

        Assert.All(events.Where(e => e.IsValid), e => Assert.True(harness.Sandbox.Recorder.WasApplied(e.Kind, e.Key, e.Version)));
        Assert.Equal(60, snapshot.Delivered);
        var reasons = snapshot.DeadLetters.Select(d => $"{d.Flow} {d.Stage} {d.Reason}").Order().ToList();
        Assert.Equal(["content parse encoding", "content parse payloadTooLarge"], reasons);

        var deadLetters = harness.ReadAll(TestEvents.ContentTopic + ".dlq").ToDictionary(r => Encoding.UTF8.GetString(r.Message.Key!));
        Assert.Contains("encoding", Header(deadLetters["art-bad-bytes"], DeadLetterHeaders.Reason));
        Assert.Equal(events[20].Value, deadLetters["art-bad-bytes"].Message.Value);
        var huge = deadLetters["art-huge"];
        Assert.Contains("payloadTooLarge", Header(huge, DeadLetterHeaders.Reason));
        Assert.True(huge.Message.Value is { Length: 2 * 1024 * 1024 } || Header(huge, "reco-dlq-value-omitted") == (2 * 1024 * 1024).ToString());
    }

    [Fact]
    public async Task RunAsync_GracefulStopMidStreamThenRestart_RedoesOnlyWhatWasNotCommitted()
    {
        await using var harness = await RuntimeHarness.StartAsync(output, new Dictionary<string, string?> { ["Runtime:MaxBatchSize"] = "10" });
        harness.Sandbox.Knobs.RecommenderDelivery.Latency = TimeSpan.FromMilliseconds(30);
        var now = DateTimeOffset.UtcNow;
        var events = Enumerable.Range(0, 2000).Select(i => TestEvents.Content($"art-{i}", 1, now)).ToList();
        var positions = harness.Produce(events);
        var recorder = harness.Sandbox.Recorder;

        RuntimeSnapshot first;
        await using (var running = harness.Start("restart"))
        {
            await Eventually(() => recorder.Counts.Received >= 100, "a first part delivered");
            await running.StopAsync();
            first = running.Runtime.Snapshot();
        }

        var committed = harness.Committed("restart", TestEvents.ContentTopic);
        var committedCount = committed.Values.Sum(offset => Math.Max(0, offset));
        Assert.InRange(committedCount, 100, events.Count - 1);

        // The drain let every batch in flight finish, so everything finished was committed, and nothing more.
        Assert.Equal(first.Finished, committedCount);
        Assert.Equal(0, first.InFlight);

        await using (var running = harness.Start("restart"))
        {
            await running.WaitUntilIdleAsync();
            var second = running.Runtime.Snapshot();
            Assert.Equal(events.Count - committedCount, second.Consumed);
            await running.StopAsync();
        }

        for (var i = 0; i < events.Count; i++)
        {
            var receipts = recorder.GetDeliveries(events[i].Key, events[i].Kind).Count;
            var wasCommitted = positions[i].Offset.Value < committed[positions[i].Partition.Value];
            Assert.True(wasCommitted ? receipts == 1 : receipts >= 1, $"{events[i].Key} (committed: {wasCommitted}) received {receipts} times");
        }

        Assert.Equal(0, recorder.Counts.DuplicatesApplied);
        Assert.Equal(harness.EndOffsets(TestEvents.ContentTopic), harness.Committed("restart", TestEvents.ContentTopic));
    }

    [Fact]
    public async Task RunAsync_SecondInstanceJoinsTheGroup_RevokedWorkIsHandedOverAndNothingIsLost()
    {
        await using var harness = await RuntimeHarness.StartAsync(output);
        var now = DateTimeOffset.UtcNow;
        var before = Enumerable.Range(0, 200).SelectMany(i => new[] { TestEvents.Content($"art-{i}", 1, now), TestEvents.Campaign($"cmp-{i}", 1, now) }).ToList();
        var after = Enumerable.Range(200, 100).SelectMany(i => new[] { TestEvents.Content($"art-{i}", 1, now), TestEvents.Campaign($"cmp-{i}", 1, now) }).ToList();
        harness.Produce(before);

        // Nothing can finish while the recommender is down, so the rebalance certainly revokes partitions with work in flight.
        var delivery = harness.Sandbox.Knobs.RecommenderDelivery;
        delivery.StartOutage(503);
        await using var first = harness.Start("pair");
        await Eventually(() => first.Runtime.Snapshot() is { Consumed: 400, Pending: > 0 }, "the first instance holding everything, pending");
        await using var second = harness.Start("pair");
        await Eventually(() => second.Runtime.Snapshot().AssignedPartitions.Count > 0, "the second instance owning partitions");
        delivery.EndOutage();
        harness.Produce(after);

        var all = before.Concat(after).ToList();
        var recorder = harness.Sandbox.Recorder;
        await Eventually(() => all.All(e => recorder.WasApplied(e.Kind, e.Key, e.Version)), "every event delivered");
        await first.WaitUntilIdleAsync();
        await second.WaitUntilIdleAsync();

        var firstSnapshot = first.Runtime.Snapshot();
        var secondSnapshot = second.Runtime.Snapshot();
        var owned = firstSnapshot.AssignedPartitions.Concat(secondSnapshot.AssignedPartitions).ToList();
        Assert.Equal(8, owned.Distinct().Count());
        Assert.Equal(8, owned.Count);

        // What the first instance held unfinished in the revoked partitions was consumed again by the second.
        Assert.True(secondSnapshot.Consumed > 0);
        Assert.True(firstSnapshot.Consumed + secondSnapshot.Consumed > all.Count);
        Assert.True(firstSnapshot.Delivered + secondSnapshot.Delivered + firstSnapshot.Stale + secondSnapshot.Stale >= all.Count);
        await first.StopAsync();
        await second.StopAsync();
        Assert.Equal(0, recorder.Counts.DuplicatesApplied);
        Assert.Equal(0, firstSnapshot.DeadLettered + secondSnapshot.DeadLettered);
        foreach (var topic in new[] { TestEvents.ContentTopic, TestEvents.CampaignTopic })
        {
            Assert.Equal(harness.EndOffsets(topic), harness.Committed("pair", topic));
        }
    }

    [Fact]
    public async Task WaitUntilIdleAsync_MoreInstancesThanPartitions_TheInstanceLeftWithoutPartitionsIsIdleToo()
    {
        // One partition per flow: two partitions among three instances.
        await using var harness = await RuntimeHarness.StartAsync(output, partitions: 1);
        var now = DateTimeOffset.UtcNow;
        harness.Produce([TestEvents.Content("art-1", 1, now), TestEvents.Campaign("cmp-1", 1, now)]);
        await using var first = harness.Start("crowd");
        await first.WaitUntilIdleAsync();
        await using var second = harness.Start("crowd");
        await using var third = harness.Start("crowd");

        var all = new[] { first, second, third };

        // Spread one each over two of them, so one of the three owns nothing.
        await Eventually(
            () => all.Select(running => running.Runtime.Snapshot().AssignedPartitions.Count).Order().SequenceEqual([0, 1, 1]),
            "the two partitions spread over the instances");
        await Task.WhenAll(all.Select(running => running.WaitUntilIdleAsync()));
    }

    [Fact]
    public async Task RunAsync_BrokerUnreachable_FailsWithinTheConnectTimeoutNamingTheAddress()
    {
        await using var harness = await RuntimeHarness.StartAsync(output, new Dictionary<string, string?> { ["Kafka:ConnectTimeout"] = "00:00:02" });
        var runtime = new PipelineRuntime(harness.Services, "127.0.0.1:1", "nowhere");

        // The deadline only bounds a hang (an unbounded connection attempt would never end); it measures nothing.
        var exception = await Assert.ThrowsAsync<BrokerUnreachableException>(() => runtime.RunAsync(CancellationToken.None).WaitAsync(RuntimeHarness.Timeout));

        Assert.Contains("127.0.0.1:1", exception.Message);
        Assert.Contains("Kafka:ConnectTimeout", exception.Message);
    }

    [Fact]
    public async Task RunAsync_StopWhileMessagesWaitForRetry_ReturnsPromptlyAndCommitsNothingUnfinished()
    {
        // Retries wait 10 minutes and a drain may take 4: longer than the test's deadline, which therefore only passes
        // if the stop ends the backoff wait instead of sitting out either.
        await using var harness = await RuntimeHarness.StartAsync(output, new Dictionary<string, string?>
        {
            ["Runtime:ShutdownTimeout"] = "00:04:00",
            ["Runtime:PendingRetryDelay"] = "00:10:00",
        });
        var now = DateTimeOffset.UtcNow;
        harness.Produce(Enumerable.Range(0, 40).Select(i => TestEvents.Content($"art-{i}", 1, now)));
        harness.Sandbox.Knobs.RecommenderDelivery.StartOutage(503);
        await using var running = harness.Start("stop-pending");
        await Eventually(() => running.Runtime.Snapshot().Pending == 40, "every message waiting for a retry");

        await running.StopAsync().WaitAsync(RuntimeHarness.Timeout);

        Assert.Equal(0, running.Runtime.Snapshot().DeadLettered);
        Assert.All(harness.Committed("stop-pending", TestEvents.ContentTopic).Values, offset => Assert.True(offset < 0, $"committed {offset}"));
    }

    [Fact]
    public async Task RunAsync_AbortDuringTheDrain_StopsWithoutWaitingForTheBatchesInFlight()
    {
        await using var harness = await RuntimeHarness.StartAsync(output, new Dictionary<string, string?>
        {
            ["Runtime:ShutdownTimeout"] = "00:04:00",
            ["Resilience:recommender-api:AttemptTimeout"] = "00:05:00",
            ["Resilience:recommender-api:TotalTimeout"] = "00:10:00",
            ["Services:recommender-api:Timeout"] = "00:10:00",
        });

        // A delivery takes 5 minutes and the drain may take 4: longer than the test's deadline, which therefore only
        // passes if the abort cuts the drain short.
        harness.Sandbox.Knobs.RecommenderDelivery.Latency = TimeSpan.FromMinutes(5);
        var now = DateTimeOffset.UtcNow;
        harness.Produce(Enumerable.Range(0, 8).Select(i => TestEvents.Content($"art-{i}", 1, now)));
        using var stop = new CancellationTokenSource();
        using var abort = new CancellationTokenSource();
        var runtime = harness.CreateRuntime("abort");
        var run = runtime.RunAsync(stop.Token, abort.Token);
        await Eventually(() => harness.Sandbox.Knobs.RecommenderDelivery.ConcurrentCalls > 0, "a delivery in flight");

        await stop.CancelAsync();
        Assert.False(run.IsCompleted, "the drain should wait for the delivery in flight");
        await abort.CancelAsync();
        await run.WaitAsync(RuntimeHarness.Timeout);

        Assert.Equal(0, runtime.Snapshot().Delivered);
        Assert.All(harness.Committed("abort", TestEvents.ContentTopic).Values, offset => Assert.True(offset < 0, $"committed {offset}"));
    }

    private static Task Eventually(Func<bool> condition, string what) =>
        RecoFunctions.Testing.Eventually.WaitUntilAsync(condition, RuntimeHarness.Timeout, what);

    private static string? Header(ConsumeResult<byte[]?, byte[]?> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out var value) ? Encoding.UTF8.GetString(value) : null;
}
