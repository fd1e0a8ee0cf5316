using RecoFunctions.Core.Delivery;

namespace RecoFunctions.Sandbox.Recording;

/// <summary>What the recommender holds for one (kind, key); every member locks the instance.</summary>
/// <remarks>
/// Its history names the key with the string it was created with, not each delivery's copy (kind and action are shared
/// constants already, <see cref="DeliveryCommand.Of"/>): the history lives as long as the sandbox, and per-delivery strings
/// kept there made every garbage collection of a busy sandbox long (tens of milliseconds, added to every call in flight).
/// </remarks>
internal sealed class KeyState(string key)
{
    private readonly List<long> _appliedVersions = new(1);
    private readonly VersionRanges _received = new();
    private List<DeliveryRecord>? _history;
    private long _heldVersion;
    private bool _live;

    public ApplyOutcome Apply(in DeliveryCommand operation, DateTimeOffset receivedAt, int maxHistory)
    {
        lock (this)
        {
            var applied = operation.Version > _heldVersion;
            var duplicate = false;
            _received.Add(operation.Version);
            if (applied)
            {
                // Cannot happen while versions only rise; counted rather than assumed, since it is what tests look for.
                duplicate = _appliedVersions.Contains(operation.Version);
                _appliedVersions.Add(operation.Version);
                _heldVersion = operation.Version;
                _live = operation.Action == DeliveryActions.Upsert;
            }

            var status = applied ? DeliveryStatuses.Applied : DeliveryStatuses.Stale;
            Remember(new DeliveryRecord(operation.Kind, key, operation.Action, operation.Version, status, receivedAt, operation.ProducedAt), maxHistory);
            return new ApplyOutcome(applied, duplicate, _heldVersion);
        }
    }

    public long? RecordRejection(in DeliveryCommand operation, DateTimeOffset receivedAt, string reason, int maxHistory)
    {
        lock (this)
        {
            Remember(
                new DeliveryRecord(operation.Kind, key, operation.Action, operation.Version, DeliveryStatuses.Rejected, receivedAt, operation.ProducedAt, reason),
                maxHistory);
            return HeldVersionOrNullLocked();
        }
    }

    public long? HeldVersionOrNull()
    {
        lock (this)
        {
            return HeldVersionOrNullLocked();
        }
    }

    public bool IsLive()
    {
        lock (this)
        {
            return _live;
        }
    }

    public bool IsRemoved()
    {
        lock (this)
        {
            return _heldVersion > 0 && !_live;
        }
    }

    public bool WasApplied(long version)
    {
        lock (this)
        {
            return _appliedVersions.Contains(version);
        }
    }

    /// <summary>The versions received as applied or stale, and the version held.</summary>
    public (long Held, VersionRanges Versions) Received()
    {
        lock (this)
        {
            return (_heldVersion, _received.Clone());
        }
    }

    public bool WasReceived(long version)
    {
        lock (this)
        {
            return _received.Contains(version);
        }
    }

    public long[] AppliedVersions()
    {
        lock (this)
        {
            return [.. _appliedVersions];
        }
    }

    public DeliveryRecord[] History()
    {
        lock (this)
        {
            return _history is null ? [] : [.. _history];
        }
    }

    private long? HeldVersionOrNullLocked() => _heldVersion > 0 ? _heldVersion : null;

    private void Remember(DeliveryRecord record, int maxHistory)
    {
        if (maxHistory == 0)
        {
            return;
        }

        _history ??= new List<DeliveryRecord>(1);
        if (_history.Count == maxHistory)
        {
            _history.RemoveAt(0);
        }

        _history.Add(record);
    }

    internal readonly record struct ApplyOutcome(bool Applied, bool Duplicate, long HeldVersion);
}
