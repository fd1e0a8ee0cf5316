namespace RecoFunctions.Core.Windowing;

/// <summary>One user's state in a partition: open windows and the event ids already counted, each kept until its last window closes.</summary>
internal sealed class UserWindows
{
    public UserWindows(string userKey) => UserKey = userKey;

    public string UserKey { get; }

    public Dictionary<WindowKey, WindowAggregate> Open { get; } = [];

    /// <summary>Event-id hash → the watermark from which it may be forgotten (its last window's end plus lateness).</summary>
    public Dictionary<ulong, long> Seen { get; } = [];

    public bool IsEmpty => Open.Count == 0 && Seen.Count == 0;

    public bool HasSeen(ulong eventHash, long watermark) => Seen.TryGetValue(eventHash, out var forgetAt) && forgetAt > watermark;

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
        List<ulong>? expired = null;
        foreach (var (hash, forgetAt) in Seen)
        {
            if (forgetAt <= watermark)
            {
                (expired ??= []).Add(hash);
            }
        }

        expired?.ForEach(hash => Seen.Remove(hash));
    }
}
