using RecoFunctions.Core.Domain;

namespace RecoFunctions.Core.Windowing;

/// <summary>
/// One user's state in a partition: events per pane (each event kept once, however many windows it falls into), the open
/// windows with their distinct-event counts, and the event ids already counted, each kept until its last window closes.
/// </summary>
internal sealed class UserWindows
{
    private readonly WindowSet _set;

    // Lower bounds of the watermark at which a counted id or a pane can go: closing skips those scans until then.
    private long _forgetFrom = long.MinValue;
    private long _dropPanesFrom = long.MinValue;
    private long _nextCloseAt = long.MaxValue;

    public UserWindows(string userKey, WindowSet set)
    {
        UserKey = userKey;
        _set = set;
    }

    public string UserKey { get; }

    /// <summary>Pane start → the events counted in it.</summary>
    public Dictionary<long, WindowTotals> Panes { get; } = [];

    /// <summary>The user's open windows → distinct events counted in each (for the per-window bound).</summary>
    public Dictionary<WindowKey, int> Open { get; } = [];

    /// <summary>Event-id hash → the watermark from which it may be forgotten (its last window's end plus lateness).</summary>
    public Dictionary<ulong, long> Seen { get; } = [];

    public bool IsEmpty => Open.Count == 0 && Seen.Count == 0 && Panes.Count == 0;

    public bool HasSeen(ulong eventHash, long watermark) => Seen.TryGetValue(eventHash, out var forgetAt) && forgetAt > watermark;

    public void MarkSeen(ulong eventHash, long forgetAt)
    {
        Seen[eventHash] = forgetAt;
        _forgetFrom = Seen.Count == 1 ? forgetAt : Math.Min(_forgetFrom, forgetAt);
    }

    /// <summary>True when one of the user's windows has closed at <paramref name="watermark"/> but was not taken yet.</summary>
    public bool HasDue(long watermark) => _nextCloseAt <= watermark;

    /// <summary>Counts <paramref name="events"/> in an open window; true when the window was not open before.</summary>
    public bool CountInWindow(WindowKey key, long closeAt, int events = 1)
    {
        var opened = !Open.TryGetValue(key, out var counted);
        Open[key] = counted + events;
        _nextCloseAt = Math.Min(_nextCloseAt, closeAt);
        return opened;
    }

    /// <summary>Counts the event in its pane; the caller has counted it in its open windows.</summary>
    public void AddToPane(InteractionEvent interaction, long paneStart)
    {
        if (!Panes.TryGetValue(paneStart, out var pane))
        {
            pane = new WindowTotals();
            Panes.Add(paneStart, pane);
            var dropAt = DropAt(paneStart);
            _dropPanesFrom = Panes.Count == 1 ? dropAt : Math.Min(_dropPanesFrom, dropAt);
        }

        pane.Add(interaction);
    }

    /// <summary>Restores a stored pane.</summary>
    public void AddPane(long paneStart, WindowTotals pane)
    {
        Panes[paneStart] = pane;
        var dropAt = DropAt(paneStart);
        _dropPanesFrom = Panes.Count == 1 ? dropAt : Math.Min(_dropPanesFrom, dropAt);
    }

    /// <summary>Merges the windows that close at <paramref name="watermark"/> into <paramref name="closed"/>, then forgets what no open window needs.</summary>
    public void CloseUpTo(long watermark, List<ClosedAggregate> closed)
    {
        List<WindowKey>? done = null;
        _nextCloseAt = long.MaxValue;
        foreach (var key in Open.Keys)
        {
            var spec = _set.Specs[key.Spec];
            var closeAt = key.StartTicks + spec.SizeTicks + _set.LatenessTicks;
            if (closeAt <= watermark)
            {
                (done ??= []).Add(key);
                closed.Add(new ClosedAggregate(UserKey, spec, key.StartTicks, Merge(key.StartTicks, spec.SizeTicks)));
            }
            else
            {
                _nextCloseAt = Math.Min(_nextCloseAt, closeAt);
            }
        }

        done?.ForEach(key => Open.Remove(key));
        if (_forgetFrom <= watermark)
        {
            _forgetFrom = RemoveExpired(Seen, watermark, static (_, forgetAt) => forgetAt);
        }

        if (_dropPanesFrom <= watermark)
        {
            _dropPanesFrom = RemoveExpired(Panes, watermark, (paneStart, _) => DropAt(paneStart));
        }
    }

    // A pane lies in the same windows as its start; it can go once the last of them has closed.
    private long DropAt(long paneStart) => _set.LastEnd(paneStart) + _set.LatenessTicks;

    private WindowTotals Merge(long start, long size)
    {
        var totals = new WindowTotals();
        for (var paneStart = start; paneStart < start + size; paneStart += _set.PaneTicks)
        {
            if (Panes.TryGetValue(paneStart, out var pane))
            {
                totals.Add(pane);
            }
        }

        return totals;
    }

    /// <summary>Removes the entries that expire at <paramref name="watermark"/> and returns the earliest expiry left.</summary>
    private static long RemoveExpired<TKey, TValue>(Dictionary<TKey, TValue> entries, long watermark, Func<TKey, TValue, long> expiresAt)
        where TKey : notnull
    {
        List<TKey>? expired = null;
        var earliest = long.MaxValue;
        foreach (var (key, value) in entries)
        {
            var at = expiresAt(key, value);
            if (at <= watermark)
            {
                (expired ??= []).Add(key);
            }
            else
            {
                earliest = Math.Min(earliest, at);
            }
        }

        expired?.ForEach(key => entries.Remove(key));
        return earliest;
    }
}
