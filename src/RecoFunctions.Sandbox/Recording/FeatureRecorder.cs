using RecoFunctions.Core.Delivery;

namespace RecoFunctions.Sandbox.Recording;

/// <summary>
/// The sandbox recommender's feature store: the current values per (user, window, start), every call, and counters.
/// Idempotent on the key: equal values answer <c>unchanged</c>; different values replace the held ones and are counted as
/// <see cref="FeatureCounts.Overwritten"/>, so that a drill sees double counting. One lock around a whole call: features
/// arrive far less often than interactions.
/// </summary>
public sealed class FeatureRecorder
{
    private readonly Lock _lock = new();
    private readonly Dictionary<FeatureKey, FeatureRecord> _held = [];
    private readonly List<FeatureCall> _calls = [];
    private readonly List<(Func<FeatureCounts, bool> Condition, TaskCompletionSource Completion)> _waiters = [];
    private readonly TimeProvider _timeProvider;
    private readonly string _rejectedKeyPrefix;
    private long _received;
    private long _applied;
    private long _unchanged;
    private long _rejected;
    private long _overwritten;

    public FeatureRecorder(TimeProvider timeProvider, string rejectedKeyPrefix)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(rejectedKeyPrefix);
        _timeProvider = timeProvider;
        _rejectedKeyPrefix = rejectedKeyPrefix;
    }

    public FeatureCounts Counts
    {
        get
        {
            lock (_lock)
            {
                return CountsUnderLock();
            }
        }
    }

    /// <summary>The held features sorted by user key, window name and start (ordinal), each with its counts sorted by kind.</summary>
    public IReadOnlyList<FeatureRecord> GetFeatures()
    {
        FeatureRecord[] features;
        lock (_lock)
        {
            features = [.. _held.Values];
        }

        Array.Sort(features, CompareKeys);
        return features;
    }

    /// <summary>The values held for one key, or null.</summary>
    public FeatureRecord? Get(string userKey, string window, DateTimeOffset start)
    {
        lock (_lock)
        {
            return _held.GetValueOrDefault(new FeatureKey(userKey, window, start));
        }
    }

    /// <summary>Every call so far, oldest first.</summary>
    public IReadOnlyList<FeatureCall> GetCalls()
    {
        lock (_lock)
        {
            return [.. _calls];
        }
    }

    /// <summary>Completes when <paramref name="condition"/> holds for the counters (checked now and after every call).</summary>
    public Task WaitForAsync(Func<FeatureCounts, bool> condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var waiter = (Condition: condition, Completion: new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_lock)
        {
            if (condition(CountsUnderLock()))
            {
                return Task.CompletedTask;
            }

            _waiters.Add(waiter);
        }

        // A caller that gives up leaves no waiter behind (drills wait again and again).
        var registration = cancellationToken.Register(() =>
        {
            lock (_lock)
            {
                _waiters.Remove(waiter);
            }

            waiter.Completion.TrySetCanceled(cancellationToken);
        });
        _ = waiter.Completion.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return waiter.Completion.Task;
    }

    /// <summary>Forgets every feature, call and counter.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _held.Clear();
            _calls.Clear();
            _received = _applied = _unchanged = _rejected = _overwritten = 0;
        }
    }

    /// <summary>Handles one call's records in order; one result per record.</summary>
    internal FeatureResult[] Handle(IReadOnlyList<FeatureRecord?> records)
    {
        var results = new FeatureResult[records.Count];
        var call = new CallCounts();
        lock (_lock)
        {
            for (var i = 0; i < results.Length; i++)
            {
                results[i] = HandleOne(records[i], ref call);
            }

            _calls.Add(new FeatureCall(_timeProvider.GetUtcNow(), records.Count, call.Applied, call.Unchanged, call.Rejected, call.Overwritten));
            NotifyWaiters();
        }

        return results;
    }

    private FeatureResult HandleOne(FeatureRecord? record, ref CallCounts call)
    {
        _received++;
        if (FeatureRules.Problem(record, _rejectedKeyPrefix) is { } problem)
        {
            _rejected++;
            call.Rejected++;
            return Result(record, FeatureStatuses.Rejected, problem);
        }

        var key = new FeatureKey(record!.UserKey, record.Window, record.Start);
        if (_held.TryGetValue(key, out var held))
        {
            if (FeatureValues.Same(held, record))
            {
                _unchanged++;
                call.Unchanged++;
                return Result(record, FeatureStatuses.Unchanged, null);
            }

            _overwritten++;
            call.Overwritten++;
        }

        _held[key] = FeatureValues.Canonical(record);
        _applied++;
        call.Applied++;
        return Result(record, FeatureStatuses.Applied, null);
    }

    private static FeatureResult Result(FeatureRecord? record, string status, string? reason) => new()
    {
        UserKey = record?.UserKey ?? string.Empty,
        Window = record?.Window ?? string.Empty,
        Start = record?.Start ?? default,
        Status = status,
        Reason = reason,
    };

    private FeatureCounts CountsUnderLock() => new(_calls.Count, _received, _applied, _unchanged, _rejected, _overwritten, _held.Count);

    private void NotifyWaiters()
    {
        var counts = CountsUnderLock();
        _waiters.RemoveAll(waiter =>
        {
            if (!waiter.Condition(counts))
            {
                return false;
            }

            waiter.Completion.TrySetResult();
            return true;
        });
    }

    private static int CompareKeys(FeatureRecord left, FeatureRecord right)
    {
        var byUser = string.CompareOrdinal(left.UserKey, right.UserKey);
        if (byUser != 0)
        {
            return byUser;
        }

        var byWindow = string.CompareOrdinal(left.Window, right.Window);
        return byWindow != 0 ? byWindow : left.Start.CompareTo(right.Start);
    }

    private readonly record struct FeatureKey(string UserKey, string Window, DateTimeOffset Start);

    private struct CallCounts
    {
        public int Applied;
        public int Unchanged;
        public int Rejected;
        public int Overwritten;
    }
}
