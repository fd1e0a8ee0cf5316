using Microsoft.Extensions.Time.Testing;

namespace RecoFunctions.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> (its clock and its timers, unchanged) that also tells which timers are scheduled:
/// <see cref="FakeTimeProvider"/> does not expose them, and a test must be able to wait until code on another thread has
/// started its delay before advancing the clock past it (<see cref="WaitForTimerAsync(TimeSpan, TimeSpan)"/>).
/// </summary>
public sealed class WatchedTimeProvider : FakeTimeProvider
{
    private readonly Lock _lock = new();
    private readonly Dictionary<WatchedTimer, DateTimeOffset> _dueAt = [];
    private readonly List<(Func<TimeSpan, bool> DueIn, TaskCompletionSource Found)> _waiters = [];

    public WatchedTimeProvider(DateTimeOffset? start = null) => SetUtcNow(start ?? TestClock.Start);

    /// <summary>Timers scheduled to fire (neither disposed, nor disabled, nor fired for the last time).</summary>
    public int ActiveTimerCount
    {
        get
        {
            lock (_lock)
            {
                return _dueAt.Count;
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new WatchedTimer(this, period);
        Schedule(timer, dueTime, period);
        timer.Inner = base.CreateTimer(
            value =>
            {
                Fired(timer);
                callback(value);
            },
            state,
            dueTime,
            period);
        return timer;
    }

    /// <summary>Completes when a timer is scheduled whose time left (due time minus now) satisfies <paramref name="dueIn"/>.</summary>
    public async Task WaitForTimerAsync(Func<TimeSpan, bool> dueIn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dueIn);
        var found = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (HasTimer_NeedsLock(dueIn))
            {
                return;
            }

            _waiters.Add((dueIn, found));
        }

        try
        {
            await found.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_lock)
            {
                _waiters.RemoveAll(waiter => waiter.Found == found);
            }
        }
    }

    /// <summary>Waits for a timer due exactly <paramref name="dueIn"/> from now; <paramref name="timeout"/> of real time only bounds a hang.</summary>
    public async Task WaitForTimerAsync(TimeSpan dueIn, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await WaitForTimerAsync(left => left == dueIn, cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw new TimeoutException($"No timer due in {dueIn} was scheduled within {timeout} of real time (active timers: {ActiveTimerCount}).");
        }
    }

    private void Schedule(WatchedTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            timer.Period = period;
            if (dueTime == Timeout.InfiniteTimeSpan || timer.IsDisposed)
            {
                _dueAt.Remove(timer);
                return;
            }

            _dueAt[timer] = GetUtcNow() + dueTime;
            foreach (var (dueIn, found) in _waiters)
            {
                if (HasTimer_NeedsLock(dueIn))
                {
                    found.TrySetResult();
                }
            }
        }
    }

    private void Fired(WatchedTimer timer)
    {
        lock (_lock)
        {
            if (timer.Period == Timeout.InfiniteTimeSpan || timer.Period == TimeSpan.Zero || timer.IsDisposed)
            {
                _dueAt.Remove(timer);
            }
            else
            {
                _dueAt[timer] = GetUtcNow() + timer.Period;
            }
        }
    }

    private void Unschedule(WatchedTimer timer)
    {
        lock (_lock)
        {
            _dueAt.Remove(timer);
        }
    }

    private bool HasTimer_NeedsLock(Func<TimeSpan, bool> dueIn)
    {
        var now = GetUtcNow();
        return _dueAt.Values.Any(dueAt => dueIn(dueAt - now));
    }

    private sealed class WatchedTimer(WatchedTimeProvider owner, TimeSpan period) : ITimer
    {
        public ITimer? Inner { get; set; }

        public TimeSpan Period { get; set; } = period;

        public bool IsDisposed { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (IsDisposed || Inner is null)
            {
                return false;
            }

            owner.Schedule(this, dueTime, period);
            return Inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            IsDisposed = true;
            owner.Unschedule(this);
            Inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
