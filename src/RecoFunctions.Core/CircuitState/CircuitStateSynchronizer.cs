using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Resilience;
using BreakerState = Polly.CircuitBreaker.CircuitState;

namespace RecoFunctions.Core.CircuitState;

/// <summary>
/// Shares breaker state between instances (one synchroniser per process). When a local breaker opens, it publishes
/// "open until T" to the store; every <see cref="CircuitStateOptions.RefreshInterval"/> it reads the store and isolates
/// the local breakers of services that another instance found open, releasing them once T has passed. The pipelines
/// never touch the store: the cost is a few reads per interval, not one per message.
/// </summary>
public sealed class CircuitStateSynchronizer : IHostedService, IAsyncDisposable
{
    private readonly IBreakerRegistry _breakers;
    private readonly ICircuitStateStore _store;
    private readonly CircuitStateOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _pending = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _published = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _publishGate = new(1, 1);
    private CancellationTokenSource? _stopping;
    private Task? _loop;
    private long _completedSyncs;
    private int _disposed;

    public CircuitStateSynchronizer(
        IBreakerRegistry breakers,
        ICircuitStateStore store,
        IOptions<CircuitStateOptions> options,
        TimeProvider timeProvider,
        ILogger<CircuitStateSynchronizer> logger)
    {
        ArgumentNullException.ThrowIfNull(breakers);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _breakers = breakers;
        _store = store;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        InstanceId = string.IsNullOrWhiteSpace(_options.InstanceId) ? $"{Environment.MachineName}:{Environment.ProcessId}" : _options.InstanceId;
        foreach (var breaker in _breakers.Breakers)
        {
            breaker.OpenedLocally += OnOpenedLocally;
        }
    }

    /// <summary>Written as <see cref="CircuitStateRecord.OpenedBy"/>.</summary>
    public string InstanceId { get; }

    /// <summary>Number of finished <see cref="SyncAsync"/> rounds.</summary>
    public long CompletedSyncs => Interlocked.Read(ref _completedSyncs);

    /// <summary>One round: publish what opened locally and is not yet in the store, then read the store and apply it.</summary>
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        CollectUnpublishedTrips();
        await PublishPendingAsync(cancellationToken).ConfigureAwait(false);
        foreach (var breaker in _breakers.Breakers)
        {
            StoredCircuitState? stored;
            try
            {
                stored = await _store.ReadAsync(breaker.Name, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                CircuitStateLog.ReadFailed(_logger, breaker.Name, exception);
                continue;
            }

            await ApplyAsync(breaker, stored?.Record, cancellationToken).ConfigureAwait(false);
        }

        Interlocked.Increment(ref _completedSyncs);
    }

    /// <summary>Syncs now and then on every tick of the refresh interval until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.RefreshInterval, _timeProvider);
        try
        {
            do
            {
                try
                {
                    await SyncAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    CircuitStateLog.SyncFailed(_logger, exception);
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_loop is not null)
        {
            return Task.CompletedTask;
        }

        _stopping = new CancellationTokenSource();
        var token = _stopping.Token;
        _loop = Task.Run(() => RunAsync(token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_loop is null || _stopping is null)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        // The container disposes it twice when it is registered both as itself and as a hosted service.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var breaker in _breakers.Breakers)
        {
            breaker.OpenedLocally -= OnOpenedLocally;
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping?.Dispose();
    }

    private void OnOpenedLocally(ServiceBreaker breaker, DateTimeOffset openUntil)
    {
        AddPending(breaker.Name, openUntil);

        // Publish at once rather than on the next tick, without holding up the call that tripped the breaker.
        _ = Task.Run(() => PublishPendingAsync(CancellationToken.None), CancellationToken.None);
    }

    /// <summary>Catches trips whose event was missed (e.g. before this synchroniser existed) or whose publication failed.</summary>
    private void CollectUnpublishedTrips()
    {
        var now = _timeProvider.GetUtcNow();
        foreach (var breaker in _breakers.Breakers)
        {
            if (breaker.LocalTripUntil is { } until && until > now
                && !(_published.TryGetValue(breaker.Name, out var published) && published >= until))
            {
                AddPending(breaker.Name, until);
            }
        }
    }

    private void AddPending(string service, DateTimeOffset openUntil) =>
        _pending.AddOrUpdate(service, openUntil, (_, existing) => existing > openUntil ? existing : openUntil);

    private async Task PublishPendingAsync(CancellationToken cancellationToken)
    {
        await _publishGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var service in _pending.Keys)
            {
                if (!_pending.TryRemove(service, out var openUntil))
                {
                    continue;
                }

                var published = false;
                try
                {
                    published = await PublishAsync(service, openUntil, cancellationToken).ConfigureAwait(false);
                    if (published)
                    {
                        _published.AddOrUpdate(service, openUntil, (_, existing) => existing > openUntil ? existing : openUntil);
                    }
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    CircuitStateLog.PublishFailed(_logger, service, exception);
                }
                finally
                {
                    if (!published)
                    {
                        AddPending(service, openUntil);
                    }
                }
            }
        }
        finally
        {
            _publishGate.Release();
        }
    }

    /// <summary>Read-modify-write with the record's ETag; a later "open until" already stored wins over ours.</summary>
    private async Task<bool> PublishAsync(string service, DateTimeOffset openUntil, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= _options.MaxPublishAttempts; attempt++)
        {
            var stored = await _store.ReadAsync(service, cancellationToken).ConfigureAwait(false);
            if (stored?.Record is { Status: SharedCircuitStatus.Open, OpenUntil: { } storedUntil } && storedUntil >= openUntil)
            {
                CircuitStateLog.KeptLater(_logger, service, storedUntil, openUntil);
                return true;
            }

            var result = await _store.WriteAsync(CircuitStateRecord.Open(service, openUntil, InstanceId), stored?.ETag, cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                CircuitStateLog.Published(_logger, service, openUntil);
                return true;
            }

            CircuitStateLog.WriteConflict(_logger, service, attempt);
        }

        CircuitStateLog.PublishGaveUp(_logger, service, _options.MaxPublishAttempts);
        return false;
    }

    private async Task ApplyAsync(ServiceBreaker breaker, CircuitStateRecord? record, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        if (record is not null && record.IsOpenAt(now))
        {
            var openUntil = record.OpenUntil!.Value;
            if (breaker.IsIsolatedBySharedState)
            {
                breaker.ExtendSharedIsolation(openUntil);
            }
            else if (breaker.CircuitState is BreakerState.Closed or BreakerState.HalfOpen)
            {
                // A breaker that tripped here, or that an operator isolated, keeps its own schedule.
                await breaker.IsolateBySharedStateAsync(openUntil, cancellationToken).ConfigureAwait(false);
                CircuitStateLog.Isolated(_logger, breaker.Name, openUntil, record.OpenedBy);
            }

            return;
        }

        if (breaker.IsIsolatedBySharedState)
        {
            await breaker.CloseSharedIsolationAsync(cancellationToken).ConfigureAwait(false);
            CircuitStateLog.Released(_logger, breaker.Name);
        }
    }
}
