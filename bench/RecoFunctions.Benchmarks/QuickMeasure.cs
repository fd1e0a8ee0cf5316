using System.Diagnostics;
using System.Globalization;

namespace RecoFunctions.Benchmarks;

/// <summary>A fast Stopwatch measurement for a first figure; BenchmarkDotNet gives the careful one.</summary>
internal static class QuickMeasure
{
    public static async Task<(double NanosecondsPerOp, double BytesPerOp)> RunAsync(Func<ValueTask> operation, int iterations)
    {
        for (var warmup = 0; warmup < iterations / 10; warmup++)
        {
            await operation();
        }

        var best = double.MaxValue;
        var bytes = 0.0;
        for (var round = 0; round < 5; round++)
        {
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var stopwatch = Stopwatch.StartNew();
            for (var iteration = 0; iteration < iterations; iteration++)
            {
                await operation();
            }

            stopwatch.Stop();
            var nanoseconds = stopwatch.Elapsed.TotalNanoseconds / iterations;
            if (nanoseconds < best)
            {
                best = nanoseconds;
                bytes = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)iterations;
            }
        }

        return (best, bytes);
    }

    public static string Format(string name, (double NanosecondsPerOp, double BytesPerOp) result) =>
        string.Format(CultureInfo.InvariantCulture, "{0,-28} {1,10:F1} ns/op {2,10:F1} B/op", name, result.NanosecondsPerOp, result.BytesPerOp);
}
