namespace RecoFunctions.Testing;

/// <summary>
/// A <see cref="TimeProvider"/> whose clock moves only when a test calls <see cref="Advance"/>. Timers (and everything built
/// on them: <c>Task.Delay(TimeSpan, TimeProvider)</c>, <c>CancellationTokenSource(TimeSpan, TimeProvider)</c>,
/// <c>PeriodicTimer</c>) fire during <see cref="Advance"/>, in due-time order, on the advancing thread. Thread-safe.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    /// <summary>The default start: a fixed instant, so that tests print the same times on every run.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly List<TimerWaiter> _waiters = [];
    private DateTimeOffset _now;
    private long _sequence;

    public ManualTimeProvider()
        : this(DefaultStart)
    {
    }

    public ManualTimeProvider(DateTimeOffset start) => _now = start.ToUniversalTime();

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Ticks of the virtual clock, so that elapsed-time measurements follow <see cref="Advance"/> too.</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Number of timers that are scheduled to fire (neither disposed, nor disabled, nor fired for the last time).</summary>
    public int ActiveTimerCount
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count;
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>Moves the clock forward, firing every timer that falls due on the way at its own due time.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_lock)
        {
            target = _now + delta;
        }

        while (TryTakeNextDue(target, out var timer))
        {
            timer.Fire();
        }

        lock (_lock)
        {
            if (_now < target)
            {
                _now = target;
            }
        }
    }

    /// <summary>Sets the clock to <paramref name="instant"/>, which must not lie in the past.</summary>
    public void AdvanceTo(DateTimeOffset instant) => Advance(instant - GetUtcNow());

    /// <summary>
    /// Completes when a timer is scheduled whose time left (due time minus now) satisfies <paramref name="dueIn"/>: lets a
    /// test wait until code running on another thread has started its delay before advancing the clock past it.
    /// </summary>
    public async Task WaitForTimerAsync(Func<TimeSpan, bool> dueIn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dueIn);
        TimerWaiter waiter;
        lock (_lock)
        {
            if (HasTimer_NeedsLock(dueIn))
            {
                return;
            }

            waiter = new TimerWaiter(dueIn);
            _waiters.Add(waiter);
        }

        try
        {
            await waiter.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_lock)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Waits for a timer due exactly <paramref name="dueIn"/> from now; fails after <paramref name="timeout"/> of real time.</summary>
    public Task WaitForTimerAsync(TimeSpan dueIn, TimeSpan timeout) =>
        WaitForTimerAsync(left => left == dueIn, $"due in {dueIn}", timeout);

    /// <summary>Waits for a timer due within <paramref name="dueWithin"/> from now; fails after <paramref name="timeout"/> of real time.</summary>
    public Task WaitForTimerWithinAsync(TimeSpan dueWithin, TimeSpan timeout) =>
        WaitForTimerAsync(left => left <= dueWithin, $"due within {dueWithin}", timeout);

    private async Task WaitForTimerAsync(Func<TimeSpan, bool> dueIn, string description, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await WaitForTimerAsync(dueIn, cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw new TimeoutException($"No timer {description} was scheduled within {timeout} of real time (active timers: {ActiveTimerCount}).");
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private bool TryTakeNextDue(DateTimeOffset target, out ManualTimer timer)
    {
        lock (_lock)
        {
            timer = null!;
            foreach (var candidate in _timers)
            {
                if (candidate.DueAt <= target && (timer is null || IsEarlier(candidate, timer)))
                {
                    timer = candidate;
                }
            }

            if (timer is null)
            {
                return false;
            }

            if (timer.DueAt > _now)
            {
                _now = timer.DueAt;
            }

            timer.OnFiring_NeedsLock();
            if (timer.Period is null)
            {
                _timers.Remove(timer);
            }

            return true;
        }
    }

    private static bool IsEarlier(ManualTimer candidate, ManualTimer current) =>
        candidate.DueAt < current.DueAt || (candidate.DueAt == current.DueAt && candidate.Sequence < current.Sequence);

    private void Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        var fireNow = false;
        lock (_lock)
        {
            _timers.Remove(timer);
            if (timer.IsDisposed || dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            timer.Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
            timer.DueAt = _now + dueTime;
            timer.Sequence = ++_sequence;
            if (dueTime == TimeSpan.Zero)
            {
                // A real timer due now fires on the thread pool right away; so does this one, without waiting for Advance.
                fireNow = true;
                timer.OnFiring_NeedsLock();
                if (timer.Period is not null)
                {
                    _timers.Add(timer);
                }
            }
            else
            {
                _timers.Add(timer);
            }

            ReleaseWaiters_NeedsLock();
        }

        if (fireNow)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static t => t.Fire(), timer, preferLocal: false);
        }
    }

    private void Unschedule(ManualTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    private bool HasTimer_NeedsLock(Func<TimeSpan, bool> dueIn)
    {
        foreach (var timer in _timers)
        {
            if (dueIn(timer.DueAt - _now))
            {
                return true;
            }
        }

        return false;
    }

    private void ReleaseWaiters_NeedsLock()
    {
        foreach (var waiter in _waiters)
        {
            if (HasTimer_NeedsLock(waiter.DueIn))
            {
                waiter.Completion.TrySetResult();
            }
        }
    }

    private sealed class TimerWaiter(Func<TimeSpan, bool> dueIn)
    {
        public Func<TimeSpan, bool> DueIn { get; } = dueIn;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset DueAt { get; set; }

        public TimeSpan? Period { get; set; }

        public long Sequence { get; set; }

        private volatile bool _disposed;

        public bool IsDisposed => _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (IsDisposed)
            {
                return false;
            }

            ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, Timeout.InfiniteTimeSpan);
            ArgumentOutOfRangeException.ThrowIfLessThan(period, Timeout.InfiniteTimeSpan);
            owner.Schedule(this, dueTime, period);
            return true;
        }

        /// <summary>Called under the owner's lock just before the callback runs: periodic timers move to their next due time.</summary>
        public void OnFiring_NeedsLock()
        {
            if (Period is { } period)
            {
                DueAt += period;
                Sequence = ++owner._sequence;
            }
        }

        public void Fire()
        {
            if (!IsDisposed)
            {
                callback(state);
            }
        }

        public void Dispose()
        {
            _disposed = true;
            owner.Unschedule(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
