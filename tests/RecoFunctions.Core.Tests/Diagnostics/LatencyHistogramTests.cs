using RecoFunctions.Core.Diagnostics;

namespace RecoFunctions.Core.Tests.Diagnostics;

public sealed class LatencyHistogramTests
{
    private static readonly double[] Percentiles = [0, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 100];

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.02)]
    [InlineData(0.001)]
    public void Percentile_SeededLogNormalSample_WithinRelativeAccuracyOfExact(double accuracy)
    {
        var samples = LogNormalSample(seed: 7, count: 100_000);
        var histogram = new LatencyHistogram(accuracy);

        foreach (var sample in samples)
        {
            histogram.Record(sample);
        }

        var sorted = samples.Order().ToArray();
        foreach (var percentile in Percentiles)
        {
            var exact = Exact(sorted, percentile);
            var estimate = histogram.Percentile(percentile);
            var error = Math.Abs(estimate.Ticks - exact.Ticks) / (double)exact.Ticks;

            // Results are whole ticks: rounding may add half a tick to the bucket's error.
            Assert.True(error <= accuracy + (0.5 / exact.Ticks) + 1e-12, $"p{percentile}: {estimate} vs exact {exact}, relative error {error:P3} > {accuracy:P3}");
        }

        Assert.Equal(samples.Length, histogram.Count);
        Assert.Equal(sorted[^1], histogram.Max);
        Assert.Equal(sorted[0], histogram.Min);
    }

    [Fact]
    public void Merge_TwoHalves_AnswersLikeOneHistogramOfEverything()
    {
        var samples = LogNormalSample(seed: 11, count: 20_000);
        var whole = new LatencyHistogram();
        var first = new LatencyHistogram();
        var second = new LatencyHistogram();
        for (var i = 0; i < samples.Length; i++)
        {
            whole.Record(samples[i]);
            (i % 2 == 0 ? first : second).Record(samples[i]);
        }

        first.Merge(second);

        Assert.Equal(whole.Count, first.Count);
        Assert.Equal(whole.Max, first.Max);
        Assert.Equal(whole.Min, first.Min);
        Assert.Equal(whole.Mean, first.Mean);
        Assert.All(Percentiles, p => Assert.Equal(whole.Percentile(p), first.Percentile(p)));
    }

    [Fact]
    public void Merge_DifferentAccuracy_Throws()
    {
        var histogram = new LatencyHistogram(0.01);

        Assert.Throws<ArgumentException>(() => histogram.Merge(new LatencyHistogram(0.02)));
    }

    [Fact]
    public async Task Record_ManyThreads_CountsEverySample()
    {
        var histogram = new LatencyHistogram();
        const int threads = 8;
        const int perThread = 50_000;

        await Task.WhenAll(Enumerable.Range(0, threads).Select(thread => Task.Run(() =>
        {
            for (var i = 1; i <= perThread; i++)
            {
                histogram.Record(TimeSpan.FromMicroseconds(i + thread));
            }
        })));

        Assert.Equal(threads * perThread, histogram.Count);
        Assert.Equal(TimeSpan.FromMicroseconds(perThread + threads - 1), histogram.Max);
        Assert.Equal(TimeSpan.FromMicroseconds(1), histogram.Min);
        Assert.InRange(histogram.Percentile(50).TotalMicroseconds, perThread / 2 * 0.98, perThread / 2 * 1.02);
    }

    [Fact]
    public void Percentile_NothingRecorded_IsZero()
    {
        var histogram = new LatencyHistogram();

        Assert.Equal(TimeSpan.Zero, histogram.Percentile(99));
        Assert.Equal(default, histogram.Summarize() with { Count = 0 });
    }

    [Fact]
    public void Record_NegativeAndZero_CountAsZero()
    {
        var histogram = new LatencyHistogram();

        histogram.Record(TimeSpan.FromMilliseconds(-5));
        histogram.Record(TimeSpan.Zero);
        histogram.Record(TimeSpan.FromMilliseconds(10));

        Assert.Equal(3, histogram.Count);
        Assert.Equal(TimeSpan.Zero, histogram.Percentile(50));
        Assert.Equal(TimeSpan.FromMilliseconds(10), histogram.Percentile(100));
    }

    [Fact]
    public void Record_AboveHighestTrackable_KeepsExactMax()
    {
        var histogram = new LatencyHistogram(0.01, TimeSpan.FromSeconds(1));

        histogram.Record(TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(30), histogram.Max);
        Assert.Equal(TimeSpan.FromSeconds(30), histogram.Percentile(99));
    }

    [Fact]
    public void Summarize_SomeSamples_ReportsTheUsualPercentiles()
    {
        var histogram = new LatencyHistogram(0.001);
        for (var ms = 1; ms <= 1000; ms++)
        {
            histogram.Record(TimeSpan.FromMilliseconds(ms));
        }

        var summary = histogram.Summarize();

        Assert.Equal(1000, summary.Count);
        Assert.InRange(summary.P50.TotalMilliseconds, 499.5, 500.5);
        Assert.InRange(summary.P95.TotalMilliseconds, 949, 951);
        Assert.InRange(summary.P99.TotalMilliseconds, 989, 991);
        Assert.Equal(TimeSpan.FromSeconds(1), summary.Max);
    }

    [Fact]
    public void Snapshot_LaterRecords_DoNotChangeIt()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(TimeSpan.FromMilliseconds(1));

        var snapshot = histogram.Snapshot();
        histogram.Record(TimeSpan.FromMilliseconds(2));

        Assert.Equal(1, snapshot.Count);
        Assert.Equal(2, histogram.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0.5)]
    [InlineData(-0.1)]
    public void Constructor_AccuracyOutOfRange_Throws(double accuracy)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LatencyHistogram(accuracy));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100.5)]
    public void Percentile_OutOfRange_Throws(double percentile)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LatencyHistogram().Percentile(percentile));
    }

    private static TimeSpan[] LogNormalSample(int seed, int count)
    {
        // Median about 5 ms with a long tail, like end-to-end latencies; whole ticks, as recorded.
        var random = new Random(seed);
        var samples = new TimeSpan[count];
        for (var i = 0; i < count; i++)
        {
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            samples[i] = TimeSpan.FromTicks(Math.Max(1, (long)(Math.Exp(Math.Log(50_000) + (1.2 * normal)))));
        }

        return samples;
    }

    private static TimeSpan Exact(TimeSpan[] sorted, double percentile)
    {
        var rank = Math.Max(1, (int)Math.Ceiling(percentile / 100 * sorted.Length));
        return sorted[rank - 1];
    }
}
