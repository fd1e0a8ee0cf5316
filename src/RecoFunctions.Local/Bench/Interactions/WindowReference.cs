using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Windowing;

namespace RecoFunctions.Local.Bench.Interactions;

/// <summary>
/// An independent, plain count of what one partition's windows must hold: per user, window and start, the distinct
/// events that were neither late nor a duplicate when they arrived, by the rules the windows follow (watermark = the
/// latest event time seen before the event; an event is late when even its last window is closed; a window is closed
/// once the watermark reaches its end plus the allowed lateness). The bench compares the published windows with it.
/// </summary>
internal sealed class WindowReference(WindowingOptions options)
{
    private readonly Dictionary<(string User, string Window, long Start), int> _counts = [];
    private readonly Dictionary<(string User, string EventId), long> _seen = [];
    private readonly long _lateness = options.AllowedLateness.Ticks;
    private long _watermark = long.MinValue;

    public long Watermark => _watermark;

    public void Add(InteractionEvent interaction)
    {
        var ticks = interaction.OccurredAt.UtcTicks;
        var before = _watermark;
        _watermark = Math.Max(before, ticks);
        var lastEnd = options.Windows.Max(window => LastStart(ticks, window) + window.Size.Ticks);
        if (lastEnd + _lateness <= before)
        {
            return;
        }

        if (_seen.TryGetValue((interaction.UserKey, interaction.EventId), out var forgetAt) && forgetAt > before)
        {
            return;
        }

        _seen[(interaction.UserKey, interaction.EventId)] = lastEnd + _lateness;
        foreach (var window in options.Windows)
        {
            for (var start = LastStart(ticks, window); start > ticks - window.Size.Ticks; start -= window.EffectiveHop.Ticks)
            {
                if (start + window.Size.Ticks + _lateness > before)
                {
                    var key = (interaction.UserKey, window.Name, start);
                    _counts[key] = _counts.GetValueOrDefault(key) + 1;
                }
            }
        }
    }

    /// <summary>Events per window that the final watermark has closed.</summary>
    public Dictionary<(string User, string Window, long Start), int> Closed()
    {
        var sizes = options.Windows.ToDictionary(window => window.Name, window => window.Size.Ticks, StringComparer.Ordinal);
        return _counts.Where(pair => pair.Key.Start + sizes[pair.Key.Window] + _lateness <= _watermark)
            .ToDictionary(pair => pair.Key, pair => pair.Value);
    }

    private static long LastStart(long ticks, WindowOptions window)
    {
        var hop = window.EffectiveHop.Ticks;
        return ticks - (((ticks % hop) + hop) % hop);
    }
}
