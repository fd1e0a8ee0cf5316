namespace RecoFunctions.Core.Windowing;

/// <summary>
/// A closed window and its contents' facts → the window's features. Tags and kinds are weighted by the events on each
/// content (a content's tag counts once per event, however often the content lists it); ties go to the name (ordinal), so
/// the same window always yields the same lists.
/// </summary>
internal static class FeatureBuilder
{
    public static WindowFeatures Build(ClosedWindow window, IReadOnlyDictionary<string, ContentFacts> facts, int topCount)
    {
        var tags = new Dictionary<string, long>(StringComparer.Ordinal);
        var kinds = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (contentId, events) in window.ContentEvents)
        {
            if (!facts.TryGetValue(contentId, out var content))
            {
                continue;
            }

            if (content.Kind is { } kind)
            {
                Add(kinds, kind, events);
            }

            foreach (var tag in content.Tags.Distinct(StringComparer.Ordinal))
            {
                Add(tags, tag, events);
            }
        }

        return new WindowFeatures(
            window.UserKey,
            window.Window,
            window.Start,
            window.End,
            window.Events,
            new SortedDictionary<string, int>(window.Counts.ToDictionary(), StringComparer.Ordinal),
            window.ContentEvents.Count,
            window.TotalDwellMs,
            Top(tags, topCount),
            Top(kinds, topCount));
    }

    private static void Add(Dictionary<string, long> weights, string name, int events) =>
        weights[name] = weights.GetValueOrDefault(name) + events;

    private static string[] Top(Dictionary<string, long> weights, int count) =>
        [.. weights
            .OrderByDescending(weight => weight.Value)
            .ThenBy(weight => weight.Key, StringComparer.Ordinal)
            .Take(count)
            .Select(weight => weight.Key)];
}
