using HdrHistogram;
using RecoFunctions.Core.Diagnostics;

namespace RecoFunctions.Runtime;

/// <summary>
/// Latency over the last complete rotation period: an HdrHistogram <see cref="Recorder"/> takes wait-free recordings
/// from every lane, and each rotation swaps its interval histogram out, so a window is never read while written.
/// </summary>
internal sealed class RecentLatency
{
    private readonly Lock _rotation = new();
    private readonly Recorder _recorder = LatencyHistograms.CreateRecorder();
    private HistogramBase _window;

    public RecentLatency() => _window = _recorder.GetIntervalHistogram();

    public void Record(TimeSpan latency) => _recorder.Record(latency);

    public void Rotate()
    {
        lock (_rotation)
        {
            // The window just summarized is reset and recycled as the next recording target.
            _window = _recorder.GetIntervalHistogram(_window);
        }
    }

    public LatencySummary Summarize()
    {
        lock (_rotation)
        {
            return _window.Summarize();
        }
    }
}
