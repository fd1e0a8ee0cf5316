using RecoFunctions.Core.Windowing;

namespace RecoFunctions.Core.Tests.Windowing;

/// <summary>Closed windows for the features' tests.</summary>
internal static class Windows
{
    public static readonly DateTimeOffset Start = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A 5-minute window of <paramref name="user"/> with the given events per content, all views, 100 ms dwell each.</summary>
    public static ClosedWindow Closed(string user, params (string ContentId, int Events)[] contents)
    {
        var events = contents.Sum(content => content.Events);
        return new ClosedWindow(
            user,
            "5m",
            Start,
            Start.AddMinutes(5),
            events,
            new Dictionary<string, int> { ["view"] = events },
            contents.ToDictionary(content => content.ContentId, content => content.Events),
            events * 100L);
    }
}
