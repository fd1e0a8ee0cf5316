namespace RecoFunctions.Core.Windowing;

/// <summary>
/// The features of one user in one closed window, as delivered to the recommender. Idempotent on
/// (<see cref="UserKey"/>, <see cref="Window"/>, <see cref="Start"/>): the same input always yields the same values.
/// </summary>
/// <param name="UserKey">The pseudonymised user.</param>
/// <param name="Window">The configured window's name, e.g. <c>5m</c>, <c>1h</c>, <c>1d</c>.</param>
/// <param name="Start">The window's first instant (inclusive), in event time.</param>
/// <param name="End">The window's end (exclusive), in event time.</param>
/// <param name="Events">Distinct events counted in the window.</param>
/// <param name="Counts">Events per interaction kind (<c>view</c>, <c>click</c>, ...), kinds with no event left out.</param>
/// <param name="DistinctContents">How many different content items the user touched.</param>
/// <param name="TotalDwellMs">The sum of the events' dwell times.</param>
/// <param name="TopTags">The contents' most frequent tags, most frequent first, ties by name.</param>
/// <param name="TopKinds">The contents' most frequent kinds (article, video, ...), most frequent first, ties by name.</param>
public sealed record WindowFeatures(
    string UserKey,
    string Window,
    DateTimeOffset Start,
    DateTimeOffset End,
    int Events,
    IReadOnlyDictionary<string, int> Counts,
    int DistinctContents,
    long TotalDwellMs,
    IReadOnlyList<string> TopTags,
    IReadOnlyList<string> TopKinds);
