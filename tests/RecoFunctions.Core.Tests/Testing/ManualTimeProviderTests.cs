using RecoFunctions.Testing;

namespace RecoFunctions.Core.Tests.Testing;

public sealed class ManualTimeProviderTests
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void GetUtcNow_MovesOnlyWhenAdvanced()
    {
        var start = _time.GetUtcNow();
        var stamp = _time.GetTimestamp();

        _time.Advance(TimeSpan.FromSeconds(90));

        Assert.Equal(ManualTimeProvider.DefaultStart, start);
        Assert.Equal(start.AddSeconds(90), _time.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(90), _time.GetElapsedTime(stamp));
    }

    [Fact]
    public void Advance_FiresDueTimersInDueOrderAtTheirDueTimes()
    {
        var fired = new List<(string Name, DateTimeOffset At)>();
        using var late = _time.CreateTimer(_ => fired.Add(("late", _time.GetUtcNow())), null, TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);
        using var early = _time.CreateTimer(_ => fired.Add(("early", _time.GetUtcNow())), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        using var never = _time.CreateTimer(_ => fired.Add(("never", _time.GetUtcNow())), null, TimeSpan.FromSeconds(61), Timeout.InfiniteTimeSpan);

        _time.Advance(TimeSpan.FromMinutes(1));

        var start = ManualTimeProvider.DefaultStart;
        Assert.Equal([("early", start.AddSeconds(10)), ("late", start.AddSeconds(30))], fired);
        Assert.Equal(start.AddMinutes(1), _time.GetUtcNow());
        Assert.Equal(1, _time.ActiveTimerCount);
    }

    [Fact]
    public void Advance_PeriodicTimer_FiresOncePerPeriod()
    {
        var count = 0;
        using var timer = _time.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        _time.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal(3, count);
    }

    [Fact]
    public void Change_Reschedules_AndDisposeStopsTheTimer()
    {
        var count = 0;
        var timer = _time.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        Assert.True(timer.Change(TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan));
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(0, count);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, count);

        timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        timer.Dispose();
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(1, count);
        Assert.False(timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public async Task TaskDelay_WithTheProvider_CompletesWhenAdvanced()
    {
        var delay = Task.Delay(TimeSpan.FromSeconds(30), _time);

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(delay.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        await delay.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void CreateTimer_ZeroDueTime_FiresAtOnce()
    {
        var fired = false;

        using var timer = _time.CreateTimer(_ => fired = true, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        Assert.True(fired);
    }

    [Fact]
    public void Callback_ThatReschedulesItself_FiresAgainWithinTheSameAdvance()
    {
        var times = new List<DateTimeOffset>();
        ITimer? timer = null;
        timer = _time.CreateTimer(
            _ =>
            {
                times.Add(_time.GetUtcNow());
                if (times.Count < 3)
                {
                    timer!.Change(TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
                }
            },
            null,
            TimeSpan.FromSeconds(10),
            Timeout.InfiniteTimeSpan);

        _time.Advance(TimeSpan.FromMinutes(5));
        timer.Dispose();

        Assert.Equal([10, 20, 30], times.Select(at => (int)(at - ManualTimeProvider.DefaultStart).TotalSeconds));
    }
}
