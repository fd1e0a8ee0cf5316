namespace RecoFunctions.Core.Windowing;

/// <summary>The configured windows and lateness in ticks, as the partition's windows use them.</summary>
internal sealed class WindowSet
{
    private WindowSet(IReadOnlyList<WindowSpec> specs, long latenessTicks, int maxUsers, int maxEventsPerWindow)
    {
        Specs = specs;
        PaneTicks = specs.Select(spec => spec.HopTicks).Aggregate(GreatestCommonDivisor);
        LatenessTicks = latenessTicks;
        MaxUsers = maxUsers;
        MaxEventsPerWindow = maxEventsPerWindow;
    }

    public IReadOnlyList<WindowSpec> Specs { get; }

    public long LatenessTicks { get; }

    /// <summary>
    /// The pane: the largest span every window is made of whole (the greatest common divisor of the hops, which divide the
    /// sizes). A user's events are kept per pane, once, and a window's totals are merged from its panes when it closes.
    /// </summary>
    public long PaneTicks { get; }

    public int MaxUsers { get; }

    public int MaxEventsPerWindow { get; }

    public static WindowSet From(WindowingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (WindowingOptionsChecks.Check(options) is { } error)
        {
            throw new ArgumentException(error, nameof(options));
        }

        var specs = options.Windows
            .Select((window, index) => new WindowSpec(index, window.Name, window.Size.Ticks, window.EffectiveHop.Ticks))
            .ToArray();
        return new WindowSet(specs, options.AllowedLateness.Ticks, options.MaxUsersPerPartition, options.MaxEventsPerUserWindow);
    }

    public long PaneStart(long ticks) => ticks - (ticks % PaneTicks);

    /// <summary>The end of the last window containing <paramref name="ticks"/>, over all specs: after it (plus lateness) the event is late.</summary>
    public long LastEnd(long ticks)
    {
        var end = long.MinValue;
        foreach (var spec in Specs)
        {
            end = Math.Max(end, spec.LastEnd(ticks));
        }

        return end;
    }

    private static long GreatestCommonDivisor(long left, long right)
    {
        while (right != 0)
        {
            (left, right) = (right, left % right);
        }

        return left;
    }
}
