namespace RecoFunctions.Core.Windowing;

/// <summary>The configured windows and lateness in ticks, as the partition's windows use them.</summary>
internal sealed class WindowSet
{
    private WindowSet(IReadOnlyList<WindowSpec> specs, long latenessTicks, int maxUsers, int maxEventsPerWindow)
    {
        Specs = specs;
        LatenessTicks = latenessTicks;
        MaxUsers = maxUsers;
        MaxEventsPerWindow = maxEventsPerWindow;
    }

    public IReadOnlyList<WindowSpec> Specs { get; }

    public long LatenessTicks { get; }

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

    /// <summary>The spec of a stored window, when the configuration still has a window of that name and size.</summary>
    public WindowSpec? Find(string name, long sizeTicks) =>
        Specs.FirstOrDefault(spec => spec.SizeTicks == sizeTicks && string.Equals(spec.Name, name, StringComparison.Ordinal));

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
}
