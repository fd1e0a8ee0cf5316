using RecoFunctions.Sandbox.Recording;

namespace RecoFunctions.Local.Accounting;

/// <summary>What the sandbox recommender had received at one moment: its counters and, per (kind, key), the versions.</summary>
public sealed class RecommenderSnapshot
{
    private readonly Dictionary<(string Kind, string Key), ReceivedVersions> _received = [];

    public RecommenderSnapshot(DeliveryCounts counts, IEnumerable<ReceivedVersions> received)
    {
        ArgumentNullException.ThrowIfNull(received);
        Counts = counts;
        foreach (var versions in received)
        {
            _received[(versions.Kind, versions.Key)] = versions;
        }
    }

    public DeliveryCounts Counts { get; }

    public int Keys => _received.Count;

    /// <summary>A snapshot of an in-process sandbox.</summary>
    public static RecommenderSnapshot Of(DeliveryRecorder recorder)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        var counts = recorder.Counts;
        return new RecommenderSnapshot(counts, recorder.EnumerateReceived());
    }

    public ReceivedVersions? Find(string kind, string key) => _received.GetValueOrDefault((kind, key));
}
