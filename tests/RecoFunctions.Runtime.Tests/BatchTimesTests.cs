using Microsoft.Extensions.Time.Testing;

namespace RecoFunctions.Runtime.Tests;

/// <summary>What the runtime counts of its batches' waits for earlier batches of their keys and of their workflows.</summary>
public sealed class BatchTimesTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Record_ABatchThatWaitedAndOneThatDidNot_SumsTheWaitOfTheFirstAndTheRunsOfBoth()
    {
        var times = new BatchTimes(_time);

        times.Record(TimeSpan.FromMilliseconds(30), waited: true, TimeSpan.FromMilliseconds(10), events: 4, TimeSpan.FromMilliseconds(80));
        times.Record(TimeSpan.Zero, waited: false, TimeSpan.FromMilliseconds(5), events: 3, TimeSpan.FromMilliseconds(45));

        Assert.Equal(2, times.Batches);
        Assert.Equal(1, times.BatchesThatWaited);
        Assert.Equal(7, times.Events);
        Assert.Equal(TimeSpan.FromMilliseconds(30), times.WaitedForKeys);
        Assert.Equal(TimeSpan.FromMilliseconds(15), times.Ran);
        Assert.Equal(TimeSpan.FromMilliseconds(125), times.BeforeStart);
    }

    [Fact]
    public void Record_NotWaited_CountsNoWait()
    {
        var times = new BatchTimes(_time);

        times.Record(TimeSpan.FromMilliseconds(20), waited: false, TimeSpan.FromMilliseconds(1), events: 1, TimeSpan.Zero);

        Assert.Equal(TimeSpan.Zero, times.WaitedForKeys);
        Assert.Equal(0, times.BatchesThatWaited);
        Assert.Equal(1, times.Batches);
    }

    [Fact]
    public void Elapsed_SinceATimestamp_IsTheClocksAdvance()
    {
        var times = new BatchTimes(_time);
        var started = times.Now();

        _time.Advance(TimeSpan.FromMilliseconds(12));

        Assert.Equal(TimeSpan.FromMilliseconds(12), times.Elapsed(started));
    }
}
