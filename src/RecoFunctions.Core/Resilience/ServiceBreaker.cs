using Polly.CircuitBreaker;
using BreakerState = Polly.CircuitBreaker.CircuitState;

namespace RecoFunctions.Core.Resilience;

/// <summary>
/// The circuit breaker of one downstream service, shared by its pipeline, the state synchroniser and operators.
/// Besides Polly's state it knows until when the breaker stays open, which lets callers turn a rejected call into
/// "retry after" instead of a failure.
/// </summary>
public sealed class ServiceBreaker
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _timeProvider;
    private DateTimeOffset? _openUntil;
    private Isolation _isolation;

    internal ServiceBreaker(string name, TimeProvider timeProvider)
    {
        Name = name;
        _timeProvider = timeProvider;
    }

    /// <summary>Raised when the breaker opens because of the calls of this process (not when it is isolated); argument: open until.</summary>
    internal event Action<ServiceBreaker, DateTimeOffset>? OpenedLocally;

    private enum Isolation
    {
        None,
        Manual,
        Shared,
    }

    public string Name { get; }

    public BreakerState CircuitState => StateProvider.CircuitState;

    /// <summary>True while calls are rejected without reaching the service (open, or isolated manually or by shared state).</summary>
    public bool IsOpen => CircuitState is BreakerState.Open or BreakerState.Isolated;

    /// <summary>
    /// When the breaker lets the next probe through (open), or when the shared state that isolated it expires. Null when
    /// closed or half-open, and when isolated by an operator until further notice.
    /// </summary>
    public DateTimeOffset? OpenUntil
    {
        get
        {
            if (!IsOpen)
            {
                return null;
            }

            lock (_lock)
            {
                return _openUntil;
            }
        }
    }

    /// <summary>Time left until <see cref="OpenUntil"/> (zero once it has passed); null when not open or open indefinitely.</summary>
    public TimeSpan? RetryAfter
    {
        get
        {
            if (OpenUntil is not { } until)
            {
                return null;
            }

            var now = _timeProvider.GetUtcNow();
            return until > now ? until - now : TimeSpan.Zero;
        }
    }

    /// <summary>True while this breaker is isolated because the shared state store says the service is open.</summary>
    public bool IsIsolatedBySharedState
    {
        get
        {
            lock (_lock)
            {
                return _isolation == Isolation.Shared && CircuitState == BreakerState.Isolated;
            }
        }
    }

    /// <summary>Until when the breaker is open because of this process's own calls; null when not tripped here.</summary>
    internal DateTimeOffset? LocalTripUntil
    {
        get
        {
            if (CircuitState != BreakerState.Open)
            {
                return null;
            }

            lock (_lock)
            {
                return _isolation == Isolation.None ? _openUntil : null;
            }
        }
    }

    internal CircuitBreakerManualControl ManualControl { get; } = new();

    internal CircuitBreakerStateProvider StateProvider { get; } = new();

    /// <summary>Rejects every call until <see cref="CloseAsync"/>; the shared state does not lift an operator's isolation.</summary>
    public Task IsolateAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _isolation = Isolation.Manual;
            _openUntil = null;
        }

        return ManualControl.IsolateAsync(cancellationToken);
    }

    /// <summary>Closes the breaker, whatever opened or isolated it.</summary>
    public Task CloseAsync(CancellationToken cancellationToken = default) => ManualControl.CloseAsync(cancellationToken);

    internal Task IsolateBySharedStateAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _isolation = Isolation.Shared;
            _openUntil = until;
        }

        return ManualControl.IsolateAsync(cancellationToken);
    }

    /// <summary>Moves the end of a shared isolation (another instance re-opened the breaker).</summary>
    internal void ExtendSharedIsolation(DateTimeOffset until)
    {
        lock (_lock)
        {
            if (_isolation == Isolation.Shared)
            {
                _openUntil = until;
            }
        }
    }

    internal Task CloseSharedIsolationAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_isolation != Isolation.Shared)
            {
                return Task.CompletedTask;
            }
        }

        return ManualControl.CloseAsync(cancellationToken);
    }

    /// <summary>Pipeline callback: the breaker opened. Returns when it will let a probe through, for logging.</summary>
    internal DateTimeOffset? OnOpened(TimeSpan breakDuration, bool isManual)
    {
        if (isManual)
        {
            lock (_lock)
            {
                return _openUntil;
            }
        }

        var now = _timeProvider.GetUtcNow();
        var until = breakDuration >= DateTimeOffset.MaxValue - now ? DateTimeOffset.MaxValue : now + breakDuration;
        lock (_lock)
        {
            _isolation = Isolation.None;
            _openUntil = until;
        }

        OpenedLocally?.Invoke(this, until);
        return until;
    }

    /// <summary>Pipeline callback: the breaker closed (probe succeeded or closed manually).</summary>
    internal void OnClosed()
    {
        lock (_lock)
        {
            _isolation = Isolation.None;
            _openUntil = null;
        }
    }
}
