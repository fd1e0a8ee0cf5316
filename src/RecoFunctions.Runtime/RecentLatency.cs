using RecoFunctions.Core.Diagnostics;

namespace RecoFunctions.Runtime;

/// <summary>
/// Latency over the last one or two rotation periods: two histograms take turns, the older one is cleared and reused at
/// each rotation. A sample racing a rotation may be lost or land in the wrong window; fine for a live view.
/// </summary>
internal sealed class RecentLatency
{
    private readonly Lock _rotation = new();
    private LatencyHistogram _current = new();
    private LatencyHistogram _previous = new();

    public void Record(TimeSpan latency) => Volatile.Read(ref _current).Record(latency);

    public void Rotate()
    {
        lock (_rotation)
        {
            var reused = _previous;
            reused.Reset();
            _previous = Volatile.Read(ref _current);
            Volatile.Write(ref _current, reused);
        }
    }

    public LatencySummary Summarize()
    {
        lock (_rotation)
        {
            var merged = _previous.Snapshot();
            merged.Merge(Volatile.Read(ref _current));
            return merged.Summarize();
        }
    }
}
