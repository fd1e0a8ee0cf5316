using RecoFunctions.Core.Delivery;

namespace RecoFunctions.Sandbox.Recording;

/// <summary>A feature record as the recommender keeps it (counts sorted by kind), and value equality between two records.</summary>
internal static class FeatureValues
{
    public static FeatureRecord Canonical(FeatureRecord record) => record with
    {
        Counts = new SortedDictionary<string, int>(record.Counts.ToDictionary(), StringComparer.Ordinal),
        TopTags = [.. record.TopTags],
        TopKinds = [.. record.TopKinds],
    };

    /// <summary>Whether both carry the same values; the key (user, window, start) is compared by the caller.</summary>
    public static bool Same(FeatureRecord held, FeatureRecord received) =>
        held.End == received.End
        && held.Events == received.Events
        && held.DistinctContents == received.DistinctContents
        && held.TotalDwellMs == received.TotalDwellMs
        && SameCounts(held.Counts, received.Counts)
        && held.TopTags.SequenceEqual(received.TopTags, StringComparer.Ordinal)
        && held.TopKinds.SequenceEqual(received.TopKinds, StringComparer.Ordinal);

    private static bool SameCounts(IReadOnlyDictionary<string, int> held, IReadOnlyDictionary<string, int> received)
    {
        if (held.Count != received.Count)
        {
            return false;
        }

        foreach (var (kind, count) in held)
        {
            if (!received.TryGetValue(kind, out var other) || other != count)
            {
                return false;
            }
        }

        return true;
    }
}
