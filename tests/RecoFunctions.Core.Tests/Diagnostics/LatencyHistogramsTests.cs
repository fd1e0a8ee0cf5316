using RecoFunctions.Core.Diagnostics;

namespace RecoFunctions.Core.Tests.Diagnostics;

public sealed class LatencyHistogramsTests
{
    private static readonly double[] Percentiles = [1, 10, 25, 50, 75, 90, 95, 99, 99.9];

    [Fact]
    public void Percentile_SeededLogNormalSample_WithinATenthOfAPercentOfExact()
    {
        var samples = LogNormalSample(seed: 7, count: 100_000);
        var recorder = new LatencyRecorder();
        foreach (var sample in samples)
        {
            recorder.Record(sample);
        }

        var histogram = recorder.Snapshot();

        var sorted = samples.Select(LatencyHistograms.Microseconds).Order().ToArray();
        foreach (var percentile in Percentiles)
        {
            var exact = sorted[Math.Max(0, (int)Math.Ceiling((percentile * sorted.Length / 100) - 1e-9) - 1)];
            var estimate = histogram.Percentile(percentile).TotalMicroseconds;
            Assert.InRange(estimate, exact * 0.999, (exact * 1.001) + 1);
        }

        Assert.Equal(samples.Length, histogram.TotalCount);
        Assert.InRange(histogram.Summarize().Max.TotalMicroseconds, sorted[^1] * 0.999, sorted[^1] * 1.001);
    }

    [Fact]
    public void Record_NegativeAndBeyondRange_CountsAsZeroAndAsTheHighest()
    {
        var histogram = LatencyHistograms.Create();

        histogram.Record(TimeSpan.FromMilliseconds(-5));
        histogram.Record(TimeSpan.FromHours(3));

        Assert.Equal(2, histogram.TotalCount);
        Assert.Equal(TimeSpan.Zero, histogram.Percentile(50));
        Assert.InRange(histogram.Summarize().Max, LatencyHistograms.HighestTrackable * 0.999, LatencyHistograms.HighestTrackable * 1.001);
    }

    [Fact]
    public void Summarize_Empty_IsAllZero()
    {
        Assert.Equal(default, LatencyHistograms.Create().Summarize());
        Assert.Empty(LatencyHistograms.Create().PercentileCurve());
    }

    [Fact]
    public void PercentileCurve_UniformMilliseconds_RisesToTheLargestValue()
    {
        var histogram = LatencyHistograms.Create();
        for (var ms = 1; ms <= 1000; ms++)
        {
            histogram.Record(TimeSpan.FromMilliseconds(ms));
        }

        var curve = histogram.PercentileCurve();

        Assert.True(curve.Count > 10, $"only {curve.Count} points");
        Assert.Equal(100, curve[^1].Percentile);
        Assert.InRange(curve[^1].Milliseconds, 999, 1001);
        Assert.All(curve.Zip(curve.Skip(1)), pair =>
        {
            Assert.True(pair.Second.Percentile >= pair.First.Percentile);
            Assert.True(pair.Second.Milliseconds >= pair.First.Milliseconds);
        });
        var median = curve.First(point => point.Percentile >= 50);
        Assert.InRange(median.Milliseconds, 499, 501);
    }

    [Fact]
    public void Recorder_ManyWriters_IntervalHoldsEverySample()
    {
        var recorder = LatencyHistograms.CreateRecorder();
        Parallel.For(0, 4, writer =>
        {
            for (var i = 1; i <= 10_000; i++)
            {
                recorder.Record(TimeSpan.FromMicroseconds(i));
            }
        });

        var interval = recorder.GetIntervalHistogram();

        Assert.Equal(40_000, interval.TotalCount);
        Assert.Equal(0, recorder.GetIntervalHistogram().TotalCount);
    }

    [Fact]
    public async Task LatencyRecorder_ReadWhileManyThreadsRecord_NeverThrowsAndEndsWithEverySample()
    {
        var recorder = new LatencyRecorder();
        var writers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            for (var i = 1; i <= 200_000; i++)
            {
                recorder.Record(TimeSpan.FromMicroseconds(i % 5_000));
            }
        })).ToArray();

        var reads = 0;
        while (!writers.All(writer => writer.IsCompleted) || reads == 0)
        {
            Assert.InRange(recorder.Summarize().Count, 0, 600_000);
            reads++;
        }

        await Task.WhenAll(writers);
        Assert.Equal(600_000, recorder.Summarize().Count);
    }

    [Fact]
    public void LatencyRecorder_Reset_ForgetsEverything()
    {
        var recorder = new LatencyRecorder();
        recorder.Record(TimeSpan.FromMilliseconds(3));
        recorder.Summarize();
        recorder.Record(TimeSpan.FromMilliseconds(4));

        recorder.Reset();

        Assert.Equal(0, recorder.Snapshot().TotalCount);
    }

    private static TimeSpan[] LogNormalSample(int seed, int count)
    {
        var random = new Random(seed);
        var samples = new TimeSpan[count];
        for (var i = 0; i < count; i++)
        {
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            samples[i] = TimeSpan.FromMilliseconds(Math.Exp(2 + normal));
        }

        return samples;
    }
}
