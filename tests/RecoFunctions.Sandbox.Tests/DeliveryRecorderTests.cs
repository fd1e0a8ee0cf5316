using Microsoft.Extensions.Time.Testing;
using RecoFunctions.Core.Delivery;
using RecoFunctions.Sandbox.Recording;
using RecoFunctions.Testing;

namespace RecoFunctions.Sandbox.Tests;

public sealed class DeliveryRecorderTests
{
    private readonly FakeTimeProvider _time = TestClock.Create();

    [Fact]
    public void Apply_NewerVersion_IsAppliedAndHeld()
    {
        var recorder = new DeliveryRecorder(_time);

        var first = recorder.Apply(Operations.UpsertItem("a", 1));
        var second = recorder.Apply(Operations.UpsertItem("a", 4));

        Assert.Equal(DeliveryStatuses.Applied, first.Status);
        Assert.Equal(DeliveryStatuses.Applied, second.Status);
        Assert.Equal(4, second.HeldVersion);
        Assert.Equal(4, recorder.GetHeldVersion(DeliveryKinds.Item, "a"));
        Assert.True(recorder.IsLive(DeliveryKinds.Item, "a"));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(2)]
    public void Apply_EqualOrOlderVersion_IsStaleAndNotApplied(long version)
    {
        var recorder = new DeliveryRecorder(_time);
        recorder.Apply(Operations.UpsertItem("a", 4));

        var result = recorder.Apply(Operations.UpsertItem("a", version));

        Assert.Equal(DeliveryStatuses.Stale, result.Status);
        Assert.Equal(4, result.HeldVersion);
        Assert.Equal(new DeliveryCounts(2, 1, 1, 0, 0), recorder.Counts);
        Assert.Equal([new AppliedDelivery(DeliveryKinds.Item, "a", 4)], recorder.GetApplied());
    }

    [Fact]
    public void Apply_DeleteAfterUpsert_RemovesAndBlocksOlderUpserts()
    {
        var recorder = new DeliveryRecorder(_time);
        recorder.Apply(Operations.UpsertItem("a", 1));

        recorder.Apply(Operations.DeleteItem("a", 2));
        var late = recorder.Apply(Operations.UpsertItem("a", 2));

        Assert.Equal(DeliveryStatuses.Stale, late.Status);
        Assert.True(recorder.IsRemoved(DeliveryKinds.Item, "a"));
        Assert.False(recorder.IsLive(DeliveryKinds.Item, "a"));
    }

    [Fact]
    public void Apply_SameKeyOfItemAndCampaign_AreSeparateKeys()
    {
        var recorder = new DeliveryRecorder(_time);
        recorder.Apply(Operations.UpsertItem("x", 5));

        var campaign = recorder.Apply(Operations.UpsertCampaign("x", 1));

        Assert.Equal(DeliveryStatuses.Applied, campaign.Status);
        Assert.Equal(2, recorder.GetStats().DistinctKeys);
    }

    [Fact]
    public async Task Apply_SameKeyVersionsFromManyThreads_HoldsHighestAndAppliesNoVersionTwice()
    {
        var recorder = new DeliveryRecorder(_time);
        const int threads = 8;
        const int versions = 400;
        using var start = new Barrier(threads);

        var workers = Enumerable.Range(0, threads).Select(thread => Task.Run(() =>
        {
            // Each thread sends every version of both keys, in its own order, several of them twice.
            var order = Enumerable.Range(1, versions).Select(v => (long)v).OrderBy(_ => Random.Shared.Next()).ToList();
            order.AddRange(order.Take(50));
            start.SignalAndWait();
            foreach (var version in order)
            {
                recorder.Apply(Operations.UpsertItem("hot", version));
                recorder.Apply(Operations.UpsertItem("warm", version));
            }
        })).ToArray();
        await Task.WhenAll(workers);

        var counts = recorder.Counts;
        Assert.Equal(0, counts.DuplicatesApplied);
        Assert.Equal(threads * (versions + 50) * 2, counts.Received);
        Assert.Equal(counts.Received, counts.Applied + counts.Stale);
        Assert.Equal(versions, recorder.GetHeldVersion(DeliveryKinds.Item, "hot"));
        Assert.Equal(versions, recorder.GetHeldVersion(DeliveryKinds.Item, "warm"));
        var applied = recorder.GetApplied();
        Assert.Equal(counts.Applied, applied.Count);
        Assert.Equal(applied.Count, applied.Distinct().Count());
        Assert.All(applied.GroupBy(a => a.Key), group => Assert.Equal(group.OrderBy(a => a.Version), group));
    }

    [Fact]
    public void Apply_ProducedBeforeReceipt_RecordsEndToEndLatency()
    {
        var recorder = new DeliveryRecorder(_time, latencySignificantDigits: 3);
        var now = _time.GetUtcNow();

        for (var i = 1; i <= 100; i++)
        {
            recorder.Apply(Operations.UpsertItem($"k{i}", 1, now - TimeSpan.FromMilliseconds(i)));
        }

        var latency = recorder.GetStats().Latency;
        Assert.Equal(100, latency.Count);
        Assert.InRange(latency.P50.TotalMilliseconds, 50 * 0.99, 50 * 1.01);
        Assert.InRange(latency.P99.TotalMilliseconds, 99 * 0.99, 99 * 1.01);
        Assert.InRange(latency.Max.TotalMilliseconds, 100 * 0.999, 100 * 1.001);
    }

    [Fact]
    public void Apply_StaleDelivery_DoesNotRecordLatency()
    {
        var recorder = new DeliveryRecorder(_time);
        recorder.Apply(Operations.UpsertItem("a", 2));

        recorder.Apply(Operations.UpsertItem("a", 1, _time.GetUtcNow() - TimeSpan.FromHours(1)));

        Assert.Equal(1, recorder.GetStats().Latency.Count);
    }

    [Fact]
    public void Reject_InvalidOperation_CountsWithoutApplying()
    {
        var recorder = new DeliveryRecorder(_time);

        var result = recorder.Reject(Operations.UpsertItem("a", 1), "bad");

        Assert.Equal(DeliveryStatuses.Rejected, result.Status);
        Assert.Equal("bad", result.Reason);
        Assert.Equal(new DeliveryCounts(1, 0, 0, 1, 0), recorder.Counts);
        Assert.Null(recorder.GetHeldVersion(DeliveryKinds.Item, "a"));
        Assert.Equal(DeliveryStatuses.Rejected, Assert.Single(recorder.GetDeliveries("a")).Status);
    }

    [Fact]
    public void GetDeliveries_MoreThanHistoryLimit_KeepsNewest()
    {
        var recorder = new DeliveryRecorder(_time, maxHistoryPerKey: 3);

        for (var version = 1; version <= 5; version++)
        {
            recorder.Apply(Operations.UpsertItem("a", version));
        }

        Assert.Equal([3L, 4L, 5L], recorder.GetDeliveries("a").Select(d => d.Version));
        Assert.Equal(5, recorder.Counts.Applied);
    }

    [Fact]
    public async Task WaitForAsync_ConditionMetLater_Completes()
    {
        var recorder = new DeliveryRecorder(_time);
        var waiting = recorder.WaitForAsync(counts => counts.Applied >= 3, CancellationToken.None);

        recorder.Apply(Operations.UpsertItem("a", 1));
        recorder.Apply(Operations.UpsertItem("b", 1));
        Assert.False(waiting.IsCompleted);
        recorder.Apply(Operations.UpsertItem("c", 1));

        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task WaitForAsync_Cancelled_Throws()
    {
        var recorder = new DeliveryRecorder(_time);
        using var cancellation = new CancellationTokenSource();
        var waiting = recorder.WaitForAsync(counts => counts.Applied >= 1, cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public void Reset_AfterDeliveries_ForgetsEverything()
    {
        var recorder = new DeliveryRecorder(_time);
        recorder.Apply(Operations.UpsertItem("a", 1));

        recorder.Reset();

        Assert.Equal(default, recorder.Counts);
        Assert.Empty(recorder.GetApplied());
        Assert.Equal(DeliveryStatuses.Applied, recorder.Apply(Operations.UpsertItem("a", 1)).Status);
    }
}
