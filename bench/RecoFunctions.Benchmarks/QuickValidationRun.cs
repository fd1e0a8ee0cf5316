using System.Diagnostics;
using System.Globalization;

namespace RecoFunctions.Benchmarks;

/// <summary>
/// A figure in seconds rather than minutes: one thread accepts the shipped samples over and over for a fixed time.
/// Less rigorous than the BenchmarkDotNet run, but enough to see whether throughput moved.
/// </summary>
internal static class QuickValidationRun
{
    public static int Run(TimeSpan duration, TextWriter output)
    {
        var flows = new[] { "content", "campaign", "interactions" };
        var total = 0.0;
        output.WriteLine($"parse + validate + map, shipped samples, single thread, {duration.TotalSeconds:0.#} s per flow");
        foreach (var flow in flows)
        {
            var workload = SampleWorkload.Load(flow);
            Measure(workload, TimeSpan.FromMilliseconds(500));
            var (rate, bytesPerMessage) = Measure(workload, duration);
            total += rate;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{flow,-12} {rate,12:N0} msgs/s per core   {bytesPerMessage,7:N0} B allocated/msg   ({workload.Messages.Length} samples)"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"mean",-12} {total / flows.Length,12:N0} msgs/s per core"));
        return 0;
    }

    private static (double Rate, double BytesPerMessage) Measure(SampleWorkload workload, TimeSpan duration)
    {
        var messages = 0L;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < duration)
        {
            if (workload.AcceptAll() != workload.Messages.Length)
            {
                throw new InvalidOperationException("A sample stopped being valid.");
            }

            messages += workload.Messages.Length;
        }

        stopwatch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        return (messages / stopwatch.Elapsed.TotalSeconds, (double)allocated / messages);
    }
}
