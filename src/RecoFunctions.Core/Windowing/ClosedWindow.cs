namespace RecoFunctions.Core.Windowing;

/// <summary>
/// One user's window that the watermark has passed (end + allowed lateness): final, counted from distinct events only.
/// <see cref="ContentEvents"/> holds events per content id, from which distinct contents, top tags and top kinds follow.
/// </summary>
public sealed record ClosedWindow(
    string UserKey,
    string Window,
    DateTimeOffset Start,
    DateTimeOffset End,
    int Events,
    IReadOnlyDictionary<string, int> Counts,
    IReadOnlyDictionary<string, int> ContentEvents,
    long TotalDwellMs);
