namespace RecoFunctions.Testing;

/// <summary>
/// A clock that moves only when told to. Timers (and so <c>Task.Delay(..., provider)</c>) fire during
/// <see cref="Advance"/>, in due-time order, each seeing the clock at its own due time.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    /// <summary>The default start: a fixed instant, so that tests do not depend on when they run.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly DateTimeOffset _origin;
    private DateTimeOffset _now;
    private long _sequence;

    public ManualTimeProvider()
        : this(DefaultStart)
    {
    }

    public ManualTimeProvider(DateTimeOffset start)
    {
        _origin = start;
        _now = start;
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>How many timers are scheduled to fire; lets a test wait until the code under test has started waiting.</summary>
    public int ActiveTimerCount
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count(timer => timer.DueAt is not null);
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => (GetUtcNow() - _origin).Ticks;

    /// <summary>Moves the clock forward, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + delta;
        }

        while (TryTakeDue(target, out var timer))
        {
            timer.Fire();
        }

        lock (_gate)
        {
            if (_now < target)
            {
                _now = target;
            }
        }
    }

    /// <summary>Moves the clock to <paramref name="value"/>, which must not be in the past.</summary>
    public void SetUtcNow(DateTimeOffset value) => Advance(value - GetUtcNow());

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    private bool TryTakeDue(DateTimeOffset target, out ManualTimer timer)
    {
        lock (_gate)
        {
            timer = null!;
            foreach (var candidate in _timers)
            {
                if (candidate.DueAt is { } due && due <= target &&
                    (timer is null || due < timer.DueAt || (due == timer.DueAt && candidate.Sequence < timer.Sequence)))
                {
                    timer = candidate;
                }
            }

            if (timer is null)
            {
                return false;
            }

            if (_now < timer.DueAt!.Value)
            {
                _now = timer.DueAt.Value;
            }

            timer.Reschedule();
            return true;
        }
    }

    private void Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        bool fireNow;
        lock (_gate)
        {
            timer.Period = period;
            timer.DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : _now + dueTime;
            timer.Sequence = _sequence++;
            fireNow = dueTime == TimeSpan.Zero;
            if (fireNow)
            {
                timer.Reschedule();
            }
        }

        // A zero due time fires at once, as a system timer would (on its own thread) without waiting for Advance.
        if (fireNow)
        {
            timer.Fire();
        }
    }

    private void Remove(ManualTimer timer)
    {
        lock (_gate)
        {
            timer.DueAt = null;
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private bool _disposed;

        public DateTimeOffset? DueAt { get; set; }

        public TimeSpan Period { get; set; }

        public long Sequence { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(nameof(dueTime));
            }

            if (period < TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(nameof(period));
            }

            if (_disposed)
            {
                return false;
            }

            owner.Schedule(this, dueTime, period);
            return true;
        }

        /// <summary>Called under the owner's lock after this timer was taken as due.</summary>
        public void Reschedule() =>
            DueAt = Period == Timeout.InfiniteTimeSpan || Period == TimeSpan.Zero ? null : DueAt + Period;

        public void Fire()
        {
            if (!_disposed)
            {
                callback(state);
            }
        }

        public void Dispose()
        {
            _disposed = true;
            owner.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
