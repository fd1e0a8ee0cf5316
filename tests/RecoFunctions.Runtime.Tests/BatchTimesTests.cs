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

        var waitStarted = times.Now();
        _time.Advance(TimeSpan.FromMilliseconds(30));
        var runStarted = times.Now();
        _time.Advance(TimeSpan.FromMilliseconds(10));
        times.Record(waitStarted, runStarted, waited: true, events: 4);

        var unblocked = times.Now();
        _time.Advance(TimeSpan.FromMilliseconds(5));
        times.Record(unblocked, unblocked, waited: false, events: 3);

        Assert.Equal(2, times.Batches);
        Assert.Equal(1, times.BatchesThatWaited);
        Assert.Equal(7, times.Events);
        Assert.Equal(TimeSpan.FromMilliseconds(30), times.WaitedForKeys);
        Assert.Equal(TimeSpan.FromMilliseconds(15), times.Ran);
    }

    [Fact]
    public void Record_NotWaitedButStartedEarlier_CountsNoWait()
    {
        var times = new BatchTimes(_time);
        var waitStarted = times.Now();
        _time.Advance(TimeSpan.FromMilliseconds(20));

        times.Record(waitStarted, times.Now(), waited: false, events: 1);

        Assert.Equal(TimeSpan.Zero, times.WaitedForKeys);
        Assert.Equal(0, times.BatchesThatWaited);
        Assert.Equal(1, times.Batches);
    }
}
