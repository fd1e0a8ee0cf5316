namespace RecoFunctions.Core.Diagnostics;

/// <summary>
/// A latency distribution in logarithmic buckets: every percentile it reports lies within
/// <see cref="RelativeAccuracy"/> of the exact one (plus half a tick, as results are whole ticks), and recording costs a logarithm and two interlocked
/// increments, whatever the number of samples. Safe for concurrent recording and reading without locks.
/// </summary>
/// <remarks>
/// Bucket <c>i</c> holds values in <c>(γ^(i-1), γ^i]</c> ticks with <c>γ = (1 + α) / (1 − α)</c>; reporting
/// <c>2γ^i / (γ + 1)</c> is then at most <c>α</c> away (relatively) from any value in the bucket.
/// Values under one tick (100 ns) are counted as zero; values above <see cref="HighestTrackable"/> land in the last
/// bucket, but <see cref="Max"/> stays exact.
/// </remarks>
public sealed class LatencyHistogram
{
    private readonly double _gamma;
    private readonly double _logGamma;
    private readonly long[] _buckets;
    private long _zeroCount;
    private long _count;
    private long _sumTicks;
    private long _maxTicks = long.MinValue;
    private long _minTicks = long.MaxValue;

    /// <param name="relativeAccuracy">Largest relative error of a reported percentile, e.g. 0.01 for 1 %.</param>
    /// <param name="highestTrackable">Largest value recorded without clamping; defaults to one hour.</param>
    public LatencyHistogram(double relativeAccuracy = 0.01, TimeSpan? highestTrackable = null)
    {
        if (!(relativeAccuracy > 0 && relativeAccuracy < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(relativeAccuracy), relativeAccuracy, "Relative accuracy must be greater than 0 and less than 0.5.");
        }

        var highest = highestTrackable ?? TimeSpan.FromHours(1);
        if (highest.Ticks < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(highestTrackable), highest, "The highest trackable value must be at least two ticks.");
        }

        RelativeAccuracy = relativeAccuracy;
        HighestTrackable = highest;
        _gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
        _logGamma = Math.Log(_gamma);
        _buckets = new long[BucketIndex(highest.Ticks) + 1];
    }

    public double RelativeAccuracy { get; }

    public TimeSpan HighestTrackable { get; }

    public long Count => Volatile.Read(ref _count);

    /// <summary>The largest recorded value, exactly; zero when nothing was recorded.</summary>
    public TimeSpan Max
    {
        get
        {
            var max = Volatile.Read(ref _maxTicks);
            return max == long.MinValue ? TimeSpan.Zero : TimeSpan.FromTicks(max);
        }
    }

    /// <summary>The smallest recorded value, exactly; zero when nothing was recorded.</summary>
    public TimeSpan Min
    {
        get
        {
            var min = Volatile.Read(ref _minTicks);
            return min == long.MaxValue ? TimeSpan.Zero : TimeSpan.FromTicks(min);
        }
    }

    public TimeSpan Mean
    {
        get
        {
            var count = Count;
            return count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Volatile.Read(ref _sumTicks) / count);
        }
    }

    /// <summary>Records one value; negative values (clock skew) count as zero.</summary>
    public void Record(TimeSpan value)
    {
        var ticks = Math.Max(0, value.Ticks);
        if (ticks == 0)
        {
            Interlocked.Increment(ref _zeroCount);
        }
        else
        {
            Interlocked.Increment(ref _buckets[Math.Min(BucketIndex(ticks), _buckets.Length - 1)]);
        }

        Interlocked.Add(ref _sumTicks, ticks);
        Interlocked.Increment(ref _count);
        UpdateMax(ticks);
        UpdateMin(ticks);
    }

    /// <summary>The value below or at which <paramref name="percentile"/> % of the recorded values lie (nearest rank).</summary>
    /// <param name="percentile">From 0 to 100, e.g. 99 for p99.</param>
    public TimeSpan Percentile(double percentile)
    {
        if (!(percentile >= 0 && percentile <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "A percentile lies between 0 and 100.");
        }

        var zero = Volatile.Read(ref _zeroCount);
        var total = zero;
        for (var i = 0; i < _buckets.Length; i++)
        {
            total += Volatile.Read(ref _buckets[i]);
        }

        if (total == 0)
        {
            return TimeSpan.Zero;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * total));
        if (rank <= zero)
        {
            return TimeSpan.Zero;
        }

        if (rank >= total)
        {
            return Max;
        }

        var seen = zero;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += Volatile.Read(ref _buckets[i]);
            if (seen >= rank)
            {
                return Clamp(BucketValue(i));
            }
        }

        return Max;
    }

    /// <summary>Adds the other histogram's samples to this one; both must have the same accuracy and range.</summary>
    public void Merge(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._buckets.Length != _buckets.Length || !other.RelativeAccuracy.Equals(RelativeAccuracy))
        {
            throw new ArgumentException("Only histograms with the same relative accuracy and highest trackable value can be merged.", nameof(other));
        }

        for (var i = 0; i < _buckets.Length; i++)
        {
            var count = Volatile.Read(ref other._buckets[i]);
            if (count != 0)
            {
                Interlocked.Add(ref _buckets[i], count);
            }
        }

        Interlocked.Add(ref _zeroCount, Volatile.Read(ref other._zeroCount));
        Interlocked.Add(ref _sumTicks, Volatile.Read(ref other._sumTicks));
        Interlocked.Add(ref _count, other.Count);
        if (other.Count > 0)
        {
            UpdateMax(Volatile.Read(ref other._maxTicks));
            UpdateMin(Volatile.Read(ref other._minTicks));
        }
    }

    /// <summary>A copy that later recordings into this histogram do not change.</summary>
    public LatencyHistogram Snapshot()
    {
        var copy = new LatencyHistogram(RelativeAccuracy, HighestTrackable);
        copy.Merge(this);
        return copy;
    }

    /// <summary>Forgets every sample. Not atomic with respect to concurrent recording.</summary>
    public void Reset()
    {
        Array.Clear(_buckets);
        Volatile.Write(ref _zeroCount, 0);
        Volatile.Write(ref _sumTicks, 0);
        Volatile.Write(ref _count, 0);
        Volatile.Write(ref _maxTicks, long.MinValue);
        Volatile.Write(ref _minTicks, long.MaxValue);
    }

    public LatencySummary Summarize() =>
        new(Count, Percentile(50), Percentile(95), Percentile(99), Max);

    private int BucketIndex(long ticks) => ticks <= 1 ? 0 : (int)Math.Ceiling(Math.Log(ticks) / _logGamma);

    private double BucketValue(int index) => 2 * Math.Pow(_gamma, index) / (_gamma + 1);

    private TimeSpan Clamp(double ticks)
    {
        // The exact percentile lies between the extremes, so clamping only ever moves the estimate closer to it.
        var rounded = (long)Math.Round(ticks);
        var min = Volatile.Read(ref _minTicks);
        var max = Volatile.Read(ref _maxTicks);
        return TimeSpan.FromTicks(min <= max ? Math.Clamp(rounded, min, max) : rounded);
    }

    private void UpdateMax(long ticks)
    {
        var current = Volatile.Read(ref _maxTicks);
        while (ticks > current)
        {
            var seen = Interlocked.CompareExchange(ref _maxTicks, ticks, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private void UpdateMin(long ticks)
    {
        var current = Volatile.Read(ref _minTicks);
        while (ticks < current)
        {
            var seen = Interlocked.CompareExchange(ref _minTicks, ticks, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
