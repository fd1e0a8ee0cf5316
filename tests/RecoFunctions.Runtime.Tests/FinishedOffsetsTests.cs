using Confluent.Kafka;

namespace RecoFunctions.Runtime.Tests;

public sealed class FinishedOffsetsTests
{
    [Fact]
    public async Task TakeIn_ReportsFromOtherThreads_CompletesThemOnTheOwnersTracker()
    {
        var lane = Lane(count: 20_000);
        var finished = new FinishedOffsets();
        var metrics = TestLanes.Metrics();
        metrics.RecordConsumed("content", 20_000);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(() =>
        {
            for (var offset = (long)worker; offset < 20_000; offset += 4)
            {
                finished.Report(lane, offset);
            }
        })));
        finished.TakeIn(metrics);

        Assert.Equal(0, lane.Offsets.Unfinished);
        Assert.Equal(20_000, lane.Offsets.CommitPosition);
        Assert.Equal(0, metrics.InFlight);
    }

    [Fact]
    public void TakeIn_DroppedLane_IgnoresItsLateReports()
    {
        var lane = Lane(count: 3);
        var finished = new FinishedOffsets();
        var metrics = TestLanes.Metrics();
        metrics.RecordConsumed("content", 3);
        lane.Drop();
        metrics.RecordDropped(3);

        finished.Report(lane, 0);
        finished.TakeIn(metrics);

        Assert.Equal(0, metrics.InFlight);
        Assert.Null(lane.Offsets.CommitPosition);
    }

    [Fact]
    public void TakeIn_PausedLaneFinishedSome_AsksForAResumeCheck()
    {
        var paused = Lane(count: 2);
        paused.Paused = true;
        var running = Lane(count: 2);
        var finished = new FinishedOffsets();
        var metrics = TestLanes.Metrics();

        finished.Report(running, 0);
        Assert.False(finished.TakeIn(metrics));
        finished.Report(paused, 1);
        Assert.True(finished.TakeIn(metrics));
    }

    [Fact]
    public async Task WaitForReports_ReportFromAnotherThreadWhileWaiting_ReturnsWithoutTheTimeout()
    {
        var lane = Lane(count: 1);
        var finished = new FinishedOffsets();
        var waiting = Task.Run(() => finished.WaitForReports(Timeout.InfiniteTimeSpan));

        finished.Report(lane, 0);

        // Bounded only so that a lost wake-up fails the test instead of hanging it.
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        finished.TakeIn(TestLanes.Metrics());
        Assert.Equal(0, lane.Offsets.Unfinished);
    }

    [Fact]
    public async Task WaitForReports_ReportedBefore_ReturnsAtOnce()
    {
        var finished = new FinishedOffsets();
        finished.Report(Lane(count: 1), 0);

        await Task.Run(() => finished.WaitForReports(Timeout.InfiniteTimeSpan)).WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static PartitionLane Lane(int count)
    {
        var lane = TestLanes.Lane();
        for (var offset = 0L; offset < count; offset++)
        {
            Assert.True(lane.Accept(new ConsumeResult<byte[]?, byte[]?> { Offset = offset, Message = new Message<byte[]?, byte[]?>() }, 0));
        }

        return lane;
    }
}
