using System.Globalization;

namespace RecoFunctions.Local.Bench;

/// <summary>The bench report as the lines <c>reco bench</c> prints.</summary>
internal static class BenchReportText
{
    public static IEnumerable<string> Lines(BenchReport report)
    {
        var machine = report.Machine;
        yield return $"machine: {machine.Cores} cores, {machine.Os} {machine.Architecture}, {machine.Runtime}, {(machine.ServerGc ? "server" : "workstation")} GC, {machine.Configuration} build";
        yield return $"load average (1, 5, 15 min) at start: {report.LoadAverageAtStart ?? "unknown"}, at end: {report.LoadAverageAtEnd ?? "unknown"}";
        yield return $"kafka: {report.Settings["bench:kafka"]}, {report.Settings["bench:partitionsPerTopic"]} partitions per topic; backlog produced at {F(report.BacklogProducedPerSecond)} events/s in message sets of up to {report.Settings.GetValueOrDefault("bench:backlogMessageSetBytes", "?")} bytes";
        yield return WarmUpLine(report.WarmUp);
        foreach (var phase in new[] { report.BareConsumer, report.PipelineMaxRate, report.PipelineFixedRate })
        {
            foreach (var line in PhaseLines(phase))
            {
                yield return line;
            }
        }

        yield return $"ratio pipeline/bare: {F(report.Ratio)}";
        foreach (var target in report.Targets)
        {
            yield return $"{(target.Passed ? "PASS" : "MISS")} {target.Name}: {target.Measured} (target {target.Target})";
        }
    }

    private static string WarmUpLine(WarmUpFigures? warmUp) => warmUp is null
        ? "warm-up: none (--warmup 0), so the phases include JIT compilation"
        : $"warm-up: {F(warmUp.Rounds)} rounds of {F(warmUp.Events)} events (bare consumer, pipeline at maximum rate) and {F(warmUp.FixedRateEvents)} at the fixed rate in {F(warmUp.Seconds)} s, not measured; the JIT compiled {F(warmUp.LastRoundJitMethods)} methods in the last round";

    private static IEnumerable<string> PhaseLines(PhaseFigures phase)
    {
        var offered = phase.OfferedPerSecond is { } rate ? $", offered {F(rate)} events/s" : string.Empty;
        yield return $"{phase.Name}: {F(phase.Events)} events in {F(phase.Seconds)} s = {F(phase.EventsPerSecond)} events/s{offered}";
        if (phase.LatencyMs is { } latency)
        {
            yield return $"  latency ms (produce -> recommender, {F(latency.Count)} applied): p50 {F(latency.P50)}, p95 {F(latency.P95)}, p99 {F(latency.P99)}, max {F(latency.Max)}";
        }

        yield return $"  memory: peak working set {F(phase.Memory.PeakWorkingSetMb)} MiB, peak GC heap {F(phase.Memory.PeakGcHeapMb)} MiB, peak in flight {F(phase.Memory.PeakInFlight)}";
        yield return $"  cpu (whole process): {F(phase.Cpu.Seconds)} s = {F(phase.Cpu.Cores)} cores, {F(phase.Cpu.MicrosecondsPerEvent)} us per event{(phase.Cpu.MachineBusyCores is { } busy ? $"; machine (all processes) {F(busy)} of {F(Environment.ProcessorCount)} cores busy" : string.Empty)}; jit {F(phase.Cpu.JitMethods)} methods in {F(phase.Cpu.JitMilliseconds)} ms";
        if (phase.Lost is { } lost)
        {
            yield return $"  audit: delivered {F(phase.Delivered ?? 0)}, lost {F(lost)}, duplicates applied {F(phase.DuplicatesApplied ?? 0)}, dead-lettered {F(phase.DeadLettered ?? 0)}";
        }
    }

    private static string F(double value) => value.ToString("#,0.###", CultureInfo.InvariantCulture);
}
