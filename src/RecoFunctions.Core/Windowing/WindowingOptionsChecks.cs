using System.Globalization;

namespace RecoFunctions.Core.Windowing;

/// <summary>The rules across members of <see cref="WindowingOptions"/> that DataAnnotations cannot say, each error naming its key.</summary>
internal static class WindowingOptionsChecks
{
    /// <summary>Bound on the windows one event falls into (size / hop, summed over windows): each costs memory per user.</summary>
    public const int MaxWindowsPerEvent = 1000;

    private const string Key = WindowingOptions.SectionName + ":Windows";

    public static string? Check(WindowingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Windows.Count == 0)
        {
            return $"{Key} must list at least one window";
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        long windowsPerEvent = 0;
        for (var i = 0; i < options.Windows.Count; i++)
        {
            var window = options.Windows[i];
            if (CheckWindow(window, i) is { } error)
            {
                return error;
            }

            if (!names.Add(window.Name))
            {
                return string.Format(CultureInfo.InvariantCulture, "{0}:{1}:Name '{2}' is used by another window", Key, i, window.Name);
            }

            windowsPerEvent += window.Size.Ticks / window.EffectiveHop.Ticks;
        }

        return windowsPerEvent > MaxWindowsPerEvent
            ? string.Format(CultureInfo.InvariantCulture, "{0} put one event into {1} windows (size / hop, summed); at most {2} are allowed", Key, windowsPerEvent, MaxWindowsPerEvent)
            : null;
    }

    private static string? CheckWindow(WindowOptions window, int index)
    {
        var size = window.Size;
        var hop = window.EffectiveHop;
        if (size <= TimeSpan.Zero || hop <= TimeSpan.Zero)
        {
            return string.Format(CultureInfo.InvariantCulture, "{0}:{1}:Size and Hop must be positive", Key, index);
        }

        if (hop > size)
        {
            return string.Format(CultureInfo.InvariantCulture, "{0}:{1}:Hop ({2:c}) must not exceed {0}:{1}:Size ({3:c})", Key, index, hop, size);
        }

        if (size.Ticks % hop.Ticks != 0)
        {
            return string.Format(CultureInfo.InvariantCulture, "{0}:{1}:Hop ({2:c}) must divide {0}:{1}:Size ({3:c})", Key, index, hop, size);
        }

        // Windows are aligned to midnight UTC; a hop that does not divide a day would shift the alignment from day to day.
        return TimeSpan.TicksPerDay % hop.Ticks != 0 && hop.Ticks % TimeSpan.TicksPerDay != 0
            ? string.Format(CultureInfo.InvariantCulture, "{0}:{1}:Hop ({2:c}) must divide a day or be whole days", Key, index, hop)
            : null;
    }
}
