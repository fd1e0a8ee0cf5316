using RecoFunctions.Testing;

namespace RecoFunctions.Core.Tests.Testing;

public sealed class WatchedTimeProviderTests
{
    [Fact]
    public void Advance_TimersDue_FireInDueOrder()
    {
        var time = new WatchedTimeProvider();
        var fired = new List<string>();
        using var late = time.CreateTimer(_ => fired.Add("late"), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        using var early = time.CreateTimer(_ => fired.Add("early"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var never = time.CreateTimer(_ => fired.Add("never"), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(5));

        // Unlike the clock these tests had before, FakeTimeProvider fires them once the clock has moved: a test that
        // needs a callback to see its own due time advances to it.
        var start = TestClock.Start;
        Assert.Equal(["early", "late"], fired);
        Assert.Equal(start.AddSeconds(5), time.GetUtcNow());
        Assert.Equal(1, time.ActiveTimerCount);
    }

    [Fact]
    public void Advance_PeriodicTimer_FiresOncePerPeriodCrossed()
    {
        var time = new WatchedTimeProvider();
        var ticks = 0;
        using var timer = time.CreateTimer(_ => ticks++, null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));

        time.Advance(TimeSpan.FromSeconds(7));

        Assert.Equal(3, ticks);
    }

    [Fact]
    public void Change_DisposedOrDisabled_TimerNeverFires()
    {
        var time = new WatchedTimeProvider();
        var fired = 0;
        var disposed = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var disabled = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        disposed.Dispose();
        disabled.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, fired);
        Assert.Equal(0, time.ActiveTimerCount);
    }

    [Fact]
    public async Task TaskDelay_OnFakeClock_CompletesWhenAdvancedPastIt()
    {
        var time = new WatchedTimeProvider();
        var delay = Task.Delay(TimeSpan.FromSeconds(2), time);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(delay.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        await delay.WaitAsync(Eventually.Timeout);
    }

    [Fact]
    public async Task WaitForTimerAsync_TimerCreatedLater_CompletesThen()
    {
        var time = new WatchedTimeProvider();
        var waiting = time.WaitForTimerAsync(TimeSpan.FromSeconds(4), Eventually.Timeout);
        Assert.False(waiting.IsCompleted);

        using var timer = time.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(4), Timeout.InfiniteTimeSpan);

        await waiting;
    }

    [Fact]
    public void GetTimestamp_FollowsTheVirtualClock()
    {
        var time = new WatchedTimeProvider();
        var before = time.GetTimestamp();

        time.Advance(TimeSpan.FromMilliseconds(1500));

        Assert.Equal(TimeSpan.FromMilliseconds(1500), time.GetElapsedTime(before));
    }
}
