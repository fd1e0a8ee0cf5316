using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Windowing;

namespace RecoFunctions.Core.Tests.Windowing;

/// <summary>Interaction events and window configurations for the windowing tests.</summary>
internal static class Interactions
{
    /// <summary>Midnight UTC of the tests' day: windows align to it.</summary>
    public static readonly DateTimeOffset Day = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(int hour, int minute, double seconds = 0) => Day.AddHours(hour).AddMinutes(minute).AddSeconds(seconds);

    /// <summary>An event whose id follows from its values unless one is given: equal values make a duplicate.</summary>
    public static InteractionEvent Event(
        DateTimeOffset time, string user = "u1", string content = "c1", InteractionKind kind = InteractionKind.View, long? dwellMs = null, string? id = null) =>
        new(id ?? $"{user}/{time:O}/{content}/{kind}", kind, time, user, content, dwellMs);

    public static WindowOptions Tumbling(string name, TimeSpan size) => new() { Name = name, Size = size };

    public static WindowOptions Sliding(string name, TimeSpan size, TimeSpan hop) => new() { Name = name, Size = size, Hop = hop };

    public static WindowingOptions Options(TimeSpan lateness, params WindowOptions[] windows)
    {
        var options = new WindowingOptions { AllowedLateness = lateness };
        if (windows.Length > 0)
        {
            options.Windows = [.. windows];
        }

        return options;
    }

    public static PartitionWindows NewWindows(WindowingOptions options) => new(WindowSet.From(options), options.AllowedLateness);

    /// <summary>A closed window's values in one comparable line.</summary>
    public static string Describe(ClosedWindow window) =>
        $"{window.UserKey} {window.Window} {window.Start:O}-{window.End:O} events={window.Events} " +
        $"counts=[{string.Join(',', window.Counts.Select(pair => $"{pair.Key}:{pair.Value}"))}] " +
        $"contents=[{string.Join(',', window.ContentEvents.Select(pair => $"{pair.Key}:{pair.Value}"))}] dwell={window.TotalDwellMs}";
}
