using RecoFunctions.Core.Domain;

namespace RecoFunctions.Core.Windowing;

/// <summary>
/// The event-time windows of one source partition, single-threaded. Everything here depends only on the events and their
/// order: the watermark is the latest event time seen; a window closes when the watermark reaches its end plus the allowed
/// lateness; an event is late when all its windows have closed; an eventId counts once while any of its windows is open.
/// Whether a window or an event id has been physically removed yet never changes an outcome, so results do not depend on
/// where batches split or on restarts from a checkpoint.
/// </summary>
internal sealed class PartitionWindows
{
    private readonly WindowSet _set;
    private readonly TimeSpan _allowedLateness;
    private readonly Dictionary<string, UserWindows> _users = new(StringComparer.Ordinal);
    private readonly CloseSchedule _schedule = new();
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    private readonly List<ClosedAggregate> _closed = [];
    private readonly List<(WindowKey Key, long CloseAt)> _openWindows = [];
    private readonly UserStateCodec _codec;
    private long _watermark = long.MinValue;

    public PartitionWindows(WindowSet set, TimeSpan allowedLateness)
    {
        _set = set;
        _allowedLateness = allowedLateness;
        _codec = new UserStateCodec(set);
    }

    public DateTimeOffset Watermark => ToTime(_watermark);

    public int UserCount => _users.Count;

    public static PartitionWindows Restore(WindowSet set, WindowingOptions options, PartitionWindowState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var windows = new PartitionWindows(set, options.AllowedLateness);
        if (state.Checkpoint is { } checkpoint && checkpoint.Watermark != DateTimeOffset.MinValue)
        {
            windows._watermark = checkpoint.Watermark.UtcTicks;
        }

        foreach (var (userKey, bytes) in state.Users)
        {
            var user = windows._codec.Read(userKey, bytes.Span);
            windows._users.Add(userKey, user);
            windows.ReopenWindows(user);
        }

        return windows;
    }

    public AddResult Add(InteractionEvent interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var ticks = interaction.OccurredAt.UtcTicks;
        var watermark = _watermark;
        _watermark = Math.Max(watermark, ticks);

        var forgetAt = _set.LastEnd(ticks) + _set.LatenessTicks;
        if (forgetAt <= watermark)
        {
            return new AddResult(AddOutcome.Late, WindowFailures.LateEvent(interaction.OccurredAt, ToTime(watermark), _allowedLateness));
        }

        var user = FindOrCreateUser(interaction.UserKey, watermark);
        if (user is null)
        {
            return new AddResult(AddOutcome.OverCapacity, WindowFailures.TooManyUsers(_set.MaxUsers));
        }

        var hash = EventIdHash.Of(interaction.EventId);
        if (user.HasSeen(hash, watermark))
        {
            return AddResult.Duplicate;
        }

        if (user.HasDue(watermark))
        {
            // Windows closed by the watermark must not see this event in their panes, whenever they are taken.
            user.CloseUpTo(watermark, _closed);
            _changed.Add(user.UserKey);
        }

        if (FullWindow(user, ticks, watermark) is { } full)
        {
            return new AddResult(AddOutcome.OverCapacity, WindowFailures.TooManyEvents(_set.MaxEventsPerWindow, _set.Specs[full.Spec].Name, ToTime(full.StartTicks)));
        }

        AddToOpenWindows(user, interaction, ticks, watermark);
        user.MarkSeen(hash, forgetAt);
        _changed.Add(user.UserKey);
        return AddResult.Added;
    }

    /// <summary>The windows the watermark has passed, ordered by end, configured window, user and start.</summary>
    public IReadOnlyList<ClosedWindow> TakeClosed()
    {
        CloseUpTo(_watermark);
        if (_closed.Count == 0)
        {
            return [];
        }

        var result = _closed
            .OrderBy(closed => closed.EndTicks)
            .ThenBy(closed => closed.Spec.Index)
            .ThenBy(closed => closed.UserKey, StringComparer.Ordinal)
            .ThenBy(closed => closed.StartTicks)
            .Select(ToClosedWindow)
            .ToList();
        _closed.Clear();
        return result;
    }

    /// <summary>The users changed since the last call (in no particular order), serialised (null for users with nothing open), and the checkpoint at <paramref name="nextOffset"/>.</summary>
    public WindowStateChanges TakeChanges(long nextOffset)
    {
        var users = _changed
            .Select(userKey => new UserStateChange(
                userKey, _users.TryGetValue(userKey, out var user) ? _codec.Write(user) : (ReadOnlyMemory<byte>?)null))
            .ToList();
        _changed.Clear();
        return new WindowStateChanges(new PartitionCheckpoint(nextOffset, Watermark), users);
    }

    private static DateTimeOffset ToTime(long ticks) => ticks == long.MinValue ? DateTimeOffset.MinValue : new DateTimeOffset(ticks, TimeSpan.Zero);

    private UserWindows? FindOrCreateUser(string userKey, long watermark)
    {
        if (_users.TryGetValue(userKey, out var user))
        {
            return user;
        }

        if (_users.Count >= _set.MaxUsers)
        {
            // Users whose windows have all closed do not count against the bound, whether or not they were taken yet.
            CloseUpTo(watermark);
            if (_users.Count >= _set.MaxUsers)
            {
                return null;
            }
        }

        user = new UserWindows(userKey, _set);
        _users.Add(userKey, user);
        return user;
    }

    private WindowKey? FullWindow(UserWindows user, long ticks, long watermark)
    {
        foreach (var (key, _) in OpenWindowsAt(ticks, watermark))
        {
            if (user.Open.TryGetValue(key, out var events) && events >= _set.MaxEventsPerWindow)
            {
                return key;
            }
        }

        return null;
    }

    private void AddToOpenWindows(UserWindows user, InteractionEvent interaction, long ticks, long watermark)
    {
        foreach (var (key, closeAt) in OpenWindowsAt(ticks, watermark))
        {
            if (user.CountInWindow(key, closeAt))
            {
                _schedule.Add(closeAt, user.UserKey);
            }
        }

        user.AddToPane(interaction, _set.PaneStart(ticks));
    }

    /// <summary>After a restore: the windows still open at the watermark over the stored panes, with their counts.</summary>
    private void ReopenWindows(UserWindows user)
    {
        foreach (var (paneStart, pane) in user.Panes)
        {
            foreach (var (key, closeAt) in OpenWindowsAt(paneStart, _watermark))
            {
                if (user.CountInWindow(key, closeAt, pane.Events))
                {
                    _schedule.Add(closeAt, user.UserKey);
                }
            }
        }
    }

    /// <summary>The windows containing <paramref name="ticks"/> that are still open at <paramref name="watermark"/>, in a list reused by the next call.</summary>
    private List<(WindowKey Key, long CloseAt)> OpenWindowsAt(long ticks, long watermark)
    {
        _openWindows.Clear();
        foreach (var spec in _set.Specs)
        {
            // From the latest start back; earlier starts end earlier, so the first closed one ends the walk.
            for (var start = spec.LastStart(ticks); start + spec.SizeTicks > ticks; start -= spec.HopTicks)
            {
                var closeAt = start + spec.SizeTicks + _set.LatenessTicks;
                if (closeAt <= watermark)
                {
                    break;
                }

                _openWindows.Add((new WindowKey(spec.Index, start), closeAt));
            }
        }

        return _openWindows;
    }

    private void CloseUpTo(long watermark)
    {
        while (_schedule.TakeDue(watermark) is { } userKeys)
        {
            foreach (var userKey in userKeys)
            {
                if (!_users.TryGetValue(userKey, out var user))
                {
                    continue;
                }

                user.CloseUpTo(watermark, _closed);
                _changed.Add(userKey);
                if (user.IsEmpty)
                {
                    _users.Remove(userKey);
                }
            }
        }
    }

    private static ClosedWindow ToClosedWindow(ClosedAggregate closed)
    {
        var totals = closed.Totals;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var kind = 0; kind < WindowTotals.KindCount; kind++)
        {
            if (totals.Counts[kind] > 0)
            {
                counts.Add(InteractionKindNames.Of((InteractionKind)kind), totals.Counts[kind]);
            }
        }

        var contentIds = totals.ContentEvents.Keys.ToArray();
        Array.Sort(contentIds, StringComparer.Ordinal);
        var contents = new Dictionary<string, int>(contentIds.Length, StringComparer.Ordinal);
        foreach (var contentId in contentIds)
        {
            contents.Add(contentId, totals.ContentEvents[contentId]);
        }

        return new ClosedWindow(
            closed.UserKey,
            closed.Spec.Name,
            ToTime(closed.StartTicks),
            ToTime(closed.EndTicks),
            totals.Events,
            counts,
            contents,
            totals.TotalDwellMs);
    }
}
