using System.Collections.Concurrent;
using HdrHistogram;
using RecoFunctions.Core.Delivery;
using RecoFunctions.Core.Diagnostics;

namespace RecoFunctions.Sandbox.Recording;

/// <summary>
/// The sandbox recommender's memory: per (kind, key) the highest version applied, whether it is live, the applied
/// versions and the newest deliveries; global counters and an end-to-end latency histogram. Idempotent on
/// (kind, key, version): a version not above the one held is stale and never applied. Cheap enough for tens of
/// thousands of deliveries per second: one dictionary lookup, one short per-key lock, no per-delivery logging.
/// </summary>
public sealed class DeliveryRecorder
{
    private readonly ConcurrentDictionary<RecordKey, KeyState> _keys = new();
    private readonly TimeProvider _timeProvider;
    private readonly int _maxHistoryPerKey;
    private readonly LatencyRecorder _latency;
    private readonly List<Waiter> _waiters = [];
    private int _waiterCount;
    private long _received;
    private long _applied;
    private long _stale;
    private long _rejected;
    private long _duplicatesApplied;

    public DeliveryRecorder(TimeProvider timeProvider, int latencySignificantDigits = LatencyHistograms.DefaultSignificantDigits, int maxHistoryPerKey = 100)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfNegative(maxHistoryPerKey);
        _timeProvider = timeProvider;
        _maxHistoryPerKey = maxHistoryPerKey;
        _latency = new LatencyRecorder(latencySignificantDigits);
    }

    public DeliveryCounts Counts => new(
        Volatile.Read(ref _received),
        Volatile.Read(ref _applied),
        Volatile.Read(ref _stale),
        Volatile.Read(ref _rejected),
        Volatile.Read(ref _duplicatesApplied));

    /// <summary>Counters, distinct keys and latency percentiles; walks the histogram, so not for every delivery.</summary>
    public DeliveryStats GetStats()
    {
        var counts = Counts;
        return new DeliveryStats(counts.Received, counts.Applied, counts.Stale, counts.Rejected, counts.DuplicatesApplied, _keys.Count, _latency.Summarize());
    }

    /// <summary>A copy of the end-to-end latency histogram (receive time − producedAt of applied deliveries).</summary>
    public HistogramBase LatencySnapshot() => _latency.Snapshot();

    /// <summary>The highest version applied for the key, or null if none was.</summary>
    public long? GetHeldVersion(string kind, string key) =>
        _keys.TryGetValue(new RecordKey(kind, key), out var state) ? state.HeldVersionOrNull() : null;

    /// <summary>Whether the key's latest applied operation was an upsert (not a delete or retire).</summary>
    public bool IsLive(string kind, string key) =>
        _keys.TryGetValue(new RecordKey(kind, key), out var state) && state.IsLive();

    /// <summary>Whether the key was applied and then deleted or retired.</summary>
    public bool IsRemoved(string kind, string key) =>
        _keys.TryGetValue(new RecordKey(kind, key), out var state) && state.IsRemoved();

    public bool WasApplied(string kind, string key, long version) =>
        _keys.TryGetValue(new RecordKey(kind, key), out var state) && state.WasApplied(version);

    /// <summary>Every applied (kind, key, version); to count what was lost or applied twice.</summary>
    public IReadOnlyList<AppliedDelivery> GetApplied()
    {
        var applied = new List<AppliedDelivery>(_keys.Count);
        foreach (var (key, state) in _keys)
        {
            foreach (var version in state.AppliedVersions())
            {
                applied.Add(new AppliedDelivery(key.Kind, key.Key, version));
            }
        }

        return applied;
    }

    /// <summary>
    /// Per (kind, key) every version received as applied or stale (rejected ones excluded): what reached the recommender,
    /// to tell delivered from lost. Enumerated lazily, one key at a time, so a caller can stream it.
    /// </summary>
    public IEnumerable<ReceivedVersions> EnumerateReceived()
    {
        foreach (var (key, state) in _keys)
        {
            var (held, versions) = state.Received();
            if (versions.Count > 0)
            {
                yield return new ReceivedVersions(key.Kind, key.Key, held, versions);
            }
        }
    }

    /// <summary>Whether <paramref name="version"/> of the key reached the recommender (applied or stale).</summary>
    public bool WasReceived(string kind, string key, long version) =>
        _keys.TryGetValue(new RecordKey(kind, key), out var state) && state.WasReceived(version);

    /// <summary>The newest deliveries of <paramref name="key"/>, oldest first; of both kinds unless <paramref name="kind"/> is given.</summary>
    public IReadOnlyList<DeliveryRecord> GetDeliveries(string key, string? kind = null)
    {
        var records = new List<DeliveryRecord>();
        foreach (var candidate in kind is null ? [DeliveryKinds.Item, DeliveryKinds.Campaign] : new[] { kind })
        {
            if (_keys.TryGetValue(new RecordKey(candidate, key), out var state))
            {
                records.AddRange(state.History());
            }
        }

        return records;
    }

    /// <summary>Completes when <paramref name="condition"/> holds for the counters (checked now and after every delivery).</summary>
    public Task WaitForAsync(Func<DeliveryCounts, bool> condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        if (condition(Counts))
        {
            return Task.CompletedTask;
        }

        var waiter = new Waiter(condition);
        lock (_waiters)
        {
            _waiters.Add(waiter);
            Volatile.Write(ref _waiterCount, _waiters.Count);
        }

        // A delivery may have landed between the first check and the registration.
        NotifyWaiters();
        waiter.Registration = cancellationToken.Register(static state =>
        {
            var (recorder, w) = ((DeliveryRecorder, Waiter))state!;
            recorder.Remove(w);
            w.Completion.TrySetCanceled();
        }, (this, waiter));
        return waiter.Completion.Task;
    }

    /// <summary>Forgets everything. Not atomic with respect to deliveries arriving meanwhile.</summary>
    public void Reset()
    {
        _keys.Clear();
        _latency.Reset();
        Volatile.Write(ref _received, 0);
        Volatile.Write(ref _applied, 0);
        Volatile.Write(ref _stale, 0);
        Volatile.Write(ref _rejected, 0);
        Volatile.Write(ref _duplicatesApplied, 0);
    }

    /// <summary>Applies a valid operation unless it is stale.</summary>
    internal DeliveryResult Apply(DeliveryOperation operation) => Apply(DeliveryCommand.Of(operation));

    /// <summary>Counts (and remembers, when it has a key) an invalid operation.</summary>
    internal DeliveryResult Reject(DeliveryOperation operation, string reason) => Reject(DeliveryCommand.Of(operation), reason);

    /// <summary>Applies a valid operation unless it is stale.</summary>
    internal DeliveryResult Apply(in DeliveryCommand operation)
    {
        var receivedAt = _timeProvider.GetUtcNow();
        var state = StateOf(operation);
        var outcome = state.Apply(operation, receivedAt, _maxHistoryPerKey);
        Interlocked.Increment(ref _received);
        if (outcome.Applied)
        {
            Interlocked.Increment(ref _applied);
            _latency.Record(receivedAt - operation.ProducedAt);
            if (outcome.Duplicate)
            {
                Interlocked.Increment(ref _duplicatesApplied);
            }
        }
        else
        {
            Interlocked.Increment(ref _stale);
        }

        NotifyWaiters();
        return new DeliveryResult
        {
            Key = operation.Key,
            Version = operation.Version,
            Status = outcome.Applied ? DeliveryStatuses.Applied : DeliveryStatuses.Stale,
            HeldVersion = outcome.HeldVersion,
        };
    }

    /// <summary>Counts (and remembers, when it has a key) an invalid operation.</summary>
    internal DeliveryResult Reject(in DeliveryCommand operation, string reason)
    {
        var receivedAt = _timeProvider.GetUtcNow();
        long? held = null;
        if (!string.IsNullOrEmpty(operation.Key) && operation.Kind is DeliveryKinds.Item or DeliveryKinds.Campaign)
        {
            var state = StateOf(operation);
            held = state.RecordRejection(operation, receivedAt, reason, _maxHistoryPerKey);
        }

        Interlocked.Increment(ref _received);
        Interlocked.Increment(ref _rejected);
        NotifyWaiters();
        return new DeliveryResult
        {
            Key = operation.Key,
            Version = operation.Version,
            Status = DeliveryStatuses.Rejected,
            HeldVersion = held,
            Reason = reason,
        };
    }

    private void NotifyWaiters()
    {
        if (Volatile.Read(ref _waiterCount) == 0)
        {
            return;
        }

        var counts = Counts;
        lock (_waiters)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Condition(counts))
                {
                    _waiters[i].Completion.TrySetResult();
                    _waiters[i].Registration.Dispose();
                    _waiters.RemoveAt(i);
                }
            }

            Volatile.Write(ref _waiterCount, _waiters.Count);
        }
    }

    private void Remove(Waiter waiter)
    {
        lock (_waiters)
        {
            _waiters.Remove(waiter);
            Volatile.Write(ref _waiterCount, _waiters.Count);
        }
    }

    /// <summary>The state of the operation's (kind, key), created on its first delivery with the key's string kept for its history.</summary>
    private KeyState StateOf(in DeliveryCommand operation) =>
        _keys.GetOrAdd(new RecordKey(operation.Kind, operation.Key), static id => new KeyState(id.Key));

    private readonly record struct RecordKey(string Kind, string Key);

    private sealed class Waiter(Func<DeliveryCounts, bool> condition)
    {
        public Func<DeliveryCounts, bool> Condition { get; } = condition;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }
    }
}
