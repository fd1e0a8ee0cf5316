using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Time.Testing;

namespace RecoFunctions.Runtime.Tests;

/// <summary>When the poll thread cuts a partition's queue into batches.</summary>
public sealed class PartitionLaneTests
{
    private readonly FakeTimeProvider _time = new();
    private long _nextOffset;
    private readonly RuntimeOptions _options = new() { MaxBatchSize = 4, MaxBatchDelay = TimeSpan.FromMilliseconds(5), MaxBatchesPerPartition = 2 };

    [Fact]
    public void TryCut_FewerThanABatch_WaitsForTheBatchDelay()
    {
        var lane = Lane("a", "b");

        Assert.Null(Cut(lane));
        Assert.Equal(TimeSpan.FromMilliseconds(5), lane.UntilDue(_time.GetTimestamp(), _time, _options));

        _time.Advance(TimeSpan.FromMilliseconds(5));
        var batch = Assert.IsType<PartitionBatch>(Cut(lane));

        Assert.Equal(["a", "b"], batch.Keys);
        Assert.Equal(0, lane.Queued);
    }

    [Fact]
    public void TryCut_FullBatchQueued_CutsAtOnceAndTheRestIsDue()
    {
        var lane = Lane("a", "b", "c", "d", "e");

        var first = Assert.IsType<PartitionBatch>(Cut(lane));
        var second = Assert.IsType<PartitionBatch>(Cut(lane));

        Assert.Equal(4, first.Count);
        Assert.Equal(["e"], second.Keys);
    }

    [Fact]
    public void MarkDue_FetchedMessagesAllTaken_CutsWithoutWaiting()
    {
        var lane = Lane("a");

        lane.MarkDue();

        Assert.NotNull(Cut(lane));
    }

    [Fact]
    public void TryCut_AllSlotsTaken_WaitsForASlotAndKeepsQueueing()
    {
        var lane = Lane("a", "b", "c", "d", "e", "f", "g", "h", "i");
        var running = new TaskCompletionSource<bool>();
        Cut(lane)!.Completion = running.Task;
        Cut(lane)!.Completion = running.Task;

        Assert.Null(Cut(lane));
        Assert.True(lane.WaitsForSlot);
        Assert.Equal(1, lane.Queued);
        Assert.Equal(2, lane.Running);

        running.SetResult(true);
        Assert.NotNull(Cut(lane));
        Assert.False(lane.WaitsForSlot);
        Assert.Equal(1, lane.Running);
        Assert.Equal(0, lane.Queued);
    }

    [Fact]
    public void TryCut_SharedKeyWithARunningBatch_WaitsForItsCompletionOnly()
    {
        var lane = Lane("a", "b", "c", "d", "a", "x", "y", "z");
        var first = Cut(lane)!;
        var running = new TaskCompletionSource<bool>();
        first.Completion = running.Task;

        lane.TryCut(_time.GetTimestamp(), _time, _options, out var blockers);

        Assert.Equal([running.Task], blockers);
    }

    [Fact]
    public void TryCut_QueuedKeyOfARunningBatch_HoldsTheQueueUntilThatBatchIsDone()
    {
        var lane = Lane("a", "b");
        lane.MarkDue();
        var running = new TaskCompletionSource<bool>();
        Cut(lane)!.Completion = running.Task;
        Accept(lane, "c", "a");
        lane.MarkDue();

        Assert.Null(Cut(lane));
        Assert.True(lane.WaitsForKeys);
        Assert.False(lane.WaitsForSlot);
        Assert.Null(lane.UntilDue(_time.GetTimestamp(), _time, _options));

        Accept(lane, "d");
        Assert.Null(Cut(lane));
        Assert.Equal(3, lane.Queued);

        running.SetResult(true);
        var batch = lane.TryCut(_time.GetTimestamp(), _time, _options, out var blockers);

        Assert.Equal(["c", "a", "d"], Assert.IsType<PartitionBatch>(batch).Keys);
        Assert.Empty(blockers);
        Assert.False(lane.WaitsForKeys);
    }

    [Fact]
    public void TryCut_QueuedKeysNotRunning_CutsBesideTheRunningBatch()
    {
        var lane = Lane("a", "b");
        lane.MarkDue();
        Cut(lane)!.Completion = new TaskCompletionSource<bool>().Task;
        Accept(lane, "x", "y");
        lane.MarkDue();

        var batch = lane.TryCut(_time.GetTimestamp(), _time, _options, out var blockers);

        Assert.Equal(["x", "y"], Assert.IsType<PartitionBatch>(batch).Keys);
        Assert.Empty(blockers);
        Assert.Equal(2, lane.Running);
    }

    [Fact]
    public void TryCut_HeldQueueReachesAFullBatch_CutsItToWaitBehindTheRunningBatch()
    {
        var lane = Lane("a");
        lane.MarkDue();
        var running = new TaskCompletionSource<bool>();
        Cut(lane)!.Completion = running.Task;
        Accept(lane, "a", "b", "c");
        lane.MarkDue();
        Assert.Null(Cut(lane));

        Accept(lane, "d");
        var batch = lane.TryCut(_time.GetTimestamp(), _time, _options, out var blockers);

        Assert.Equal(4, Assert.IsType<PartitionBatch>(batch).Count);
        Assert.Equal([running.Task], blockers);
    }

    [Fact]
    public void TryCut_MessageWithoutKeyWhileABatchRuns_IsHeld()
    {
        var lane = Lane("a");
        lane.MarkDue();
        Cut(lane)!.Completion = new TaskCompletionSource<bool>().Task;
        Accept(lane, [null]);
        lane.MarkDue();

        Assert.Null(Cut(lane));
        Assert.True(lane.WaitsForKeys);
    }

    [Fact]
    public void Drain_QueuedMessages_AreNotCutAndStayUnfinished()
    {
        var lane = Lane("a", "b");

        lane.Drain();
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(Cut(lane));
        Assert.Equal(2, lane.Offsets.Unfinished);
        Assert.Equal(0, lane.Offsets.CommitPosition);
    }

    private PartitionBatch? Cut(PartitionLane lane) => lane.TryCut(_time.GetTimestamp(), _time, _options, out _);

    private PartitionLane Lane(params string[] keys)
    {
        var lane = TestLanes.Lane();
        Accept(lane, keys);
        return lane;
    }

    private void Accept(PartitionLane lane, params string?[] keys)
    {
        foreach (var key in keys)
        {
            var message = new Message<byte[]?, byte[]?> { Key = key is null ? null : Encoding.UTF8.GetBytes(key) };
            Assert.True(lane.Accept(new ConsumeResult<byte[]?, byte[]?> { Offset = _nextOffset++, Message = message }, _time.GetTimestamp()));
        }
    }
}
