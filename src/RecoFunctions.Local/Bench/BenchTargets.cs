using System.Globalization;
using RecoFunctions.Runtime;

namespace RecoFunctions.Local.Bench;

/// <summary>The design's performance and correctness targets, evaluated against one bench run.</summary>
internal static class BenchTargets
{
    public const double MinRatio = 0.5;
    public const double MaxP99Ms = 50;

    public static IReadOnlyList<TargetResult> Evaluate(
        PhaseFigures bare, PhaseFigures maxRate, PhaseFigures fixedRate, double ratio, RuntimeOptions runtime, BenchSettings settings)
    {
        var p99 = fixedRate.LatencyMs?.P99 ?? double.NaN;
        var lost = (maxRate.Lost ?? 0) + (fixedRate.Lost ?? 0);
        var duplicates = (maxRate.DuplicatesApplied ?? 0) + (fixedRate.DuplicatesApplied ?? 0);
        var peakInFlight = Math.Max(maxRate.Memory.PeakInFlight, fixedRate.Memory.PeakInFlight);
        var peakHeap = Math.Max(maxRate.Memory.PeakGcHeapMb, fixedRate.Memory.PeakGcHeapMb);
        return
        [
            new("throughput ratio", $"pipeline/bare >= {F(MinRatio)}",
                $"{F(ratio)} ({F(maxRate.EventsPerSecond)} / {F(bare.EventsPerSecond)} events/s)", ratio >= MinRatio),
            new("p99 latency", $"< {F(MaxP99Ms)} ms at {F(settings.Rate)} events/s",
                $"{F(p99)} ms", p99 < MaxP99Ms),
            new("lost", "0", F(lost), lost == 0),
            new("duplicates applied", "0", F(duplicates), duplicates == 0),
            new("memory", $"in flight <= Runtime:MaxInFlightMessages ({F(runtime.MaxInFlightMessages)}), GC heap <= {F(settings.MemoryBoundMb)} MiB",
                $"peak in flight {F(peakInFlight)}, peak GC heap {F(peakHeap)} MiB",
                peakInFlight <= runtime.MaxInFlightMessages && peakHeap <= settings.MemoryBoundMb),
        ];
    }

    private static string F(double value) => value.ToString("#,0.###", CultureInfo.InvariantCulture);
}
