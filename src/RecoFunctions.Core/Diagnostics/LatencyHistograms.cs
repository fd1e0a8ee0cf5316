using HdrHistogram;

namespace RecoFunctions.Core.Diagnostics;

/// <summary>
/// Latency recording on HdrHistogram: values in microseconds from zero to one hour, three significant digits (every
/// percentile within 0.1 % of the exact one) unless fewer are asked for.
/// </summary>
public static class LatencyHistograms
{
    /// <summary>Values above this are recorded as this; <see cref="HistogramExtensions.GetMaxValue"/> then says so.</summary>
    public static readonly TimeSpan HighestTrackable = TimeSpan.FromHours(1);

    public const int DefaultSignificantDigits = 3;

    private static readonly long HighestMicroseconds = (long)HighestTrackable.TotalMicroseconds;

    /// <summary>A histogram for one thread at a time; <see cref="LatencyRecorder"/> for many.</summary>
    public static LongHistogram Create(int significantDigits = DefaultSignificantDigits) =>
        new(HighestMicroseconds, significantDigits);

    /// <summary>A recorder whose interval histograms take turns: wait-free recording from many threads, consistent windows.</summary>
    public static Recorder CreateRecorder(int significantDigits = DefaultSignificantDigits) =>
        new(1, HighestMicroseconds, significantDigits, static (id, lowest, highest, digits) => new LongConcurrentHistogram(id, lowest, highest, digits));

    /// <summary>The value as the microseconds the histograms hold: negative values (clock skew) count as zero, values beyond range as the highest.</summary>
    public static long Microseconds(TimeSpan value) => Math.Clamp(value.Ticks / TimeSpan.TicksPerMicrosecond, 0, HighestMicroseconds);

    public static void Record(this HistogramBase histogram, TimeSpan value)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        histogram.RecordValue(Microseconds(value));
    }

    public static void Record(this Recorder recorder, TimeSpan value)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        recorder.RecordValue(Microseconds(value));
    }

    /// <summary>The value below or at which <paramref name="percentile"/> % of the recorded values lie; zero when empty.</summary>
    public static TimeSpan Percentile(this HistogramBase histogram, double percentile)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        return histogram.TotalCount == 0 ? TimeSpan.Zero : TimeSpan.FromMicroseconds(histogram.GetValueAtPercentile(percentile));
    }

    public static LatencySummary Summarize(this HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var count = histogram.TotalCount;
        return count == 0
            ? default
            : new(count, histogram.Percentile(50), histogram.Percentile(95), histogram.Percentile(99), TimeSpan.FromMicroseconds(histogram.GetMaxValue()));
    }

    /// <summary>
    /// The percentile curve (percentile, milliseconds), at HdrHistogram's usual steps: finer towards the tail, up to the
    /// largest value; empty when nothing was recorded.
    /// </summary>
    public static IReadOnlyList<PercentilePoint> PercentileCurve(this HistogramBase histogram, int ticksPerHalfDistance = 5)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (histogram.TotalCount == 0)
        {
            return [];
        }

        return [.. histogram.Percentiles(ticksPerHalfDistance)
            .Select(step => new PercentilePoint(step.PercentileLevelIteratedTo, step.ValueIteratedTo / 1000.0))];
    }
}
