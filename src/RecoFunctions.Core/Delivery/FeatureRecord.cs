namespace RecoFunctions.Core.Delivery;

/// <summary>
/// One user's features in one closed window, as <c>POST /features/batch</c> carries them. The recommender is idempotent on
/// (<see cref="UserKey"/>, <see cref="Window"/>, <see cref="Start"/>): the same key with the same values changes nothing.
/// </summary>
public sealed record FeatureRecord
{
    /// <summary>The pseudonymised user; never a raw user id.</summary>
    public string UserKey { get; set; } = string.Empty;

    /// <summary>The configured window's name, e.g. <c>5m</c>, <c>1h</c>, <c>1d</c>.</summary>
    public string Window { get; set; } = string.Empty;

    public DateTimeOffset Start { get; set; }

    public DateTimeOffset End { get; set; }

    public int Events { get; set; }

    /// <summary>Events per interaction kind (<c>view</c>, <c>click</c>, ...).</summary>
    public IReadOnlyDictionary<string, int> Counts { get; set; } = new Dictionary<string, int>();

    public int DistinctContents { get; set; }

    public long TotalDwellMs { get; set; }

    /// <summary>Most frequent first, ties by name.</summary>
    public IReadOnlyList<string> TopTags { get; set; } = [];

    /// <summary>Most frequent first, ties by name.</summary>
    public IReadOnlyList<string> TopKinds { get; set; } = [];
}
