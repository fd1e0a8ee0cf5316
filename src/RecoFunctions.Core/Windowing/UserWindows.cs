namespace RecoFunctions.Core.Windowing;

/// <summary>One user's state in a partition: open windows and the event ids already counted, each kept until its last window closes.</summary>
internal sealed class UserWindows
{
    public UserWindows(string userKey) => UserKey = userKey;

    public string UserKey { get; }

    public Dictionary<WindowKey, WindowAggregate> Open { get; } = [];

    /// <summary>Event-id hash → the watermark from which it may be forgotten (its last window's end plus lateness).</summary>
    public Dictionary<ulong, long> Seen { get; } = [];

    // The earliest forget-at in Seen (or earlier): closing skips the scan of Seen until the watermark reaches it.
    private long _forgetFrom = long.MinValue;

    public bool IsEmpty => Open.Count == 0 && Seen.Count == 0;

    public bool HasSeen(ulong eventHash, long watermark) => Seen.TryGetValue(eventHash, out var forgetAt) && forgetAt > watermark;

    public void MarkSeen(ulong eventHash, long forgetAt)
    {
        Seen[eventHash] = forgetAt;
        _forgetFrom = Seen.Count == 1 ? forgetAt : Math.Min(_forgetFrom, forgetAt);
    }

    /// <summary>Moves the windows that close at <paramref name="watermark"/> to <paramref name="closed"/> and forgets expired event ids.</summary>
    public void CloseUpTo(long watermark, long latenessTicks, List<ClosedAggregate> closed)
    {
        List<WindowKey>? done = null;
        foreach (var (key, aggregate) in Open)
        {
            if (aggregate.EndTicks + latenessTicks <= watermark)
            {
                (done ??= []).Add(key);
                closed.Add(new ClosedAggregate(UserKey, aggregate));
            }
        }

        done?.ForEach(key => Open.Remove(key));
        if (_forgetFrom <= watermark)
        {
            ForgetUpTo(watermark);
        }
    }

    private void ForgetUpTo(long watermark)
    {
        List<ulong>? expired = null;
        var forgetFrom = long.MaxValue;
        foreach (var (hash, forgetAt) in Seen)
        {
            if (forgetAt <= watermark)
            {
                (expired ??= []).Add(hash);
            }
            else
            {
                forgetFrom = Math.Min(forgetFrom, forgetAt);
            }
        }

        expired?.ForEach(hash => Seen.Remove(hash));
        _forgetFrom = forgetFrom;
    }
}
