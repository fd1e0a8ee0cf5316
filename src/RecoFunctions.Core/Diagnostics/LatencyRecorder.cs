using HdrHistogram;

namespace RecoFunctions.Core.Diagnostics;

/// <summary>
/// A latency histogram many threads record into while others read it: recording goes wait-free into an HdrHistogram
/// <see cref="Recorder"/>; a read first moves what was recorded since the last read into the cumulative histogram,
/// under a lock only readers take. (HdrHistogram's concurrent histograms take concurrent writes, but iterating one
/// while it is written — every percentile and the maximum — throws.)
/// </summary>
public sealed class LatencyRecorder
{
    private readonly Lock _reading = new();
    private readonly Recorder _recorder;
    private readonly LongHistogram _total;
    private HistogramBase _interval;

    public LatencyRecorder(int significantDigits = LatencyHistograms.DefaultSignificantDigits)
    {
        _recorder = LatencyHistograms.CreateRecorder(significantDigits);
        _total = LatencyHistograms.Create(significantDigits);
        _interval = _recorder.GetIntervalHistogram();
    }

    public void Record(TimeSpan latency) => _recorder.Record(latency);

    public LatencySummary Summarize()
    {
        lock (_reading)
        {
            Drain();
            return _total.Summarize();
        }
    }

    /// <summary>A copy of everything recorded so far, which later recordings do not change.</summary>
    public HistogramBase Snapshot()
    {
        lock (_reading)
        {
            Drain();
            return _total.Copy();
        }
    }

    /// <summary>Forgets every sample; one racing the reset may be kept or lost.</summary>
    public void Reset()
    {
        lock (_reading)
        {
            Drain();
            _total.Reset();
        }
    }

    private void Drain()
    {
        _interval = _recorder.GetIntervalHistogram(_interval);
        _total.Add(_interval);
    }
}
