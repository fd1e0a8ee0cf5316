using System.Globalization;

namespace RecoFunctions.Local.Bench;

/// <summary>The bench report as the lines <c>reco bench</c> prints.</summary>
internal static class BenchReportText
{
    public static IEnumerable<string> Lines(BenchReport report)
    {
        var machine = report.Machine;
        yield return $"machine: {machine.CpuModel}, {machine.Cores} cores, {machine.Os} {machine.Architecture}, {machine.Runtime}, {(machine.ServerGc ? "server" : "workstation")} GC{(machine.ConcurrentGc ? string.Empty : " (not concurrent)")}, {machine.Configuration} build; load average {report.LoadAverageAtStart ?? "unknown"}";
        yield return $"load average (1, 5, 15 min) at start: {report.LoadAverageAtStart ?? "unknown"}, at end: {report.LoadAverageAtEnd ?? "unknown"}";
        yield return CalibrationLine(report.Calibration);
        yield return $"processes: pipeline (phase 1: bare consumer) in the bench's own; kafka {report.Settings["bench:kafka"]}; sandbox {report.Settings.GetValueOrDefault("bench:sandbox", "?")}; fixed-rate producer {report.Settings.GetValueOrDefault("bench:fixedRateProducer", "?")}";
        yield return $"kafka: {report.Settings["bench:partitionsPerTopic"]} partitions per topic; backlog produced at {F(report.BacklogProducedPerSecond)} events/s in message sets of up to {report.Settings.GetValueOrDefault("bench:backlogMessageSetBytes", "?")} bytes, before the phases";
        yield return WarmUpLine(report.WarmUp);
        foreach (var phase in new[] { report.BareConsumer, report.PipelineMaxRate, report.PipelineFixedRate })
        {
            foreach (var line in PhaseLines(phase, report.Calibration))
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

    public static string CalibrationLine(CalibrationFigures calibration) =>
        $"calibration: parse and validate (Core's MessageIntake) on one thread over {F(calibration.SampleEvents)} of the bench's events: {F(calibration.EventsPerSecond)} events/s = {F(calibration.MicrosecondsPerEvent)} us per event {(calibration.PerProcessorTime ? "of the thread's processor time" : "of wall-clock time")}, best of {F(calibration.Rounds)} x {F(calibration.RoundMilliseconds)} ms";

    private static string WarmUpLine(WarmUpFigures? warmUp) => warmUp is null
        ? "warm-up: none (--warmup 0), so the phases include JIT compilation"
        : $"warm-up: {F(warmUp.Rounds)} rounds of {F(warmUp.Events)} events (bare consumer, pipeline at maximum rate) and {F(warmUp.FixedRateEvents)} at the fixed rate in {F(warmUp.Seconds)} s, not measured; the JIT compiled {F(warmUp.LastRoundJitMethods)} methods in the last round";

    private static IEnumerable<string> PhaseLines(PhaseFigures phase, CalibrationFigures calibration)
    {
        var offered = phase.OfferedPerSecond is { } rate ? $", offered {F(rate)} events/s" : string.Empty;
        yield return $"{phase.Name}: {F(phase.Events)} events in {F(phase.Seconds)} s = {F(phase.EventsPerSecond)} events/s{offered}";
        if (phase.LatencyMs is { } latency)
        {
            yield return $"  latency ms ({LatencyOrigin(phase)} -> recommender, {F(latency.Count)} applied, HdrHistogram): p50 {F(latency.P50)}, p95 {F(latency.P95)}, p99 {F(latency.P99)}, max {F(latency.Max)}";
        }

        var own = phase.Name == "bare-consumer" ? "bare consumer" : "pipeline";
        yield return $"  memory ({own} process): peak working set {F(phase.Memory.PeakWorkingSetMb)} MiB, peak GC heap {F(phase.Memory.PeakGcHeapMb)} MiB, peak in flight {F(phase.Memory.PeakInFlight)}";
        var cpu = phase.Cpu;
        var times = calibration.MicrosecondsPerEvent > 0 ? $" = {F(Math.Round(cpu.MicrosecondsPerEvent / calibration.MicrosecondsPerEvent, 1))} x calibration" : string.Empty;
        yield return $"  cpu per event: {own} {F(cpu.MicrosecondsPerEvent)} us{times}, broker {Us(cpu.Broker)}, sandbox {Us(cpu.Sandbox)}";
        yield return $"  cpu cores: {own} process {F(cpu.Cores)} ({F(cpu.Seconds)} s), broker {Cores(cpu.Broker)}, sandbox {Cores(cpu.Sandbox)}{Machine(cpu)}; jit in the {own} process {F(cpu.JitMethods)} methods in {F(cpu.JitMilliseconds)} ms";
        if (phase.Waits is { } waits)
        {
            yield return "  " + (phase.OfferedPerSecond is null
                ? WaitsLine(waits, phase.Memory.PeakInFlight, cpu.MachineBusyCores, Environment.ProcessorCount, phase.Seconds, phase.Series)
                : BatchesLine(waits));
        }

        if (phase.Lost is { } lost)
        {
            yield return $"  audit: delivered {F(phase.Delivered ?? 0)}, lost {F(lost)}, duplicates applied {F(phase.DuplicatesApplied ?? 0)}, dead-lettered {F(phase.DeadLettered ?? 0)}";
        }
    }

    /// <summary>
    /// What bounds the phase: the processor when the machine kept nine tenths of its cores busy, over the phase or in
    /// every second of the <paramref name="series"/> after the first (start-up); otherwise the in-flight limit when the
    /// runtime held at it for half the phase or more, and the biggest wait measured (batches waiting for earlier batches
    /// of their keys, or their workflows' service calls).
    /// </summary>
    public static string WaitsLine(WaitFigures waits, long peakInFlight, double? busyCores, int cores, double phaseSeconds, IReadOnlyList<Report.TimeSample>? series = null)
    {
        var ratio = waits.RanSeconds > 0 ? $"{F(Math.Round(waits.WaitedSeconds / waits.RanSeconds, 1))} x as long as they ran" : "while none ran";
        var machine = busyCores is { } busy ? $"machine {F(busy)} of {F(cores)} cores busy" : "machine load unknown";
        var held = waits.HeldSeconds > 0 ? $", the limit reached (nothing taken) {F(waits.HeldSeconds)} s of {F(phaseSeconds)} s" : string.Empty;
        return $"waits: deliveries waited for earlier batches of their keys {ratio} ({F(waits.BatchesThatWaited)} of {F(waits.Batches)} batches, "
            + $"{F(waits.WaitedSeconds)} s against {F(waits.RanSeconds)} s); peak messages in flight {F(peakInFlight)}{held}; {machine}: {Verdict(waits, busyCores, cores, phaseSeconds, series ?? [])}";
    }

    /// <summary>
    /// At a fixed rate nothing is bound: what a batch's time went on, to read the latency by (the workflow's run is its
    /// enrichment and delivery calls).
    /// </summary>
    public static string BatchesLine(WaitFigures waits)
    {
        if (waits.Batches == 0)
        {
            return "batches: none ran";
        }

        var waited = waits.BatchesThatWaited > 0
            ? $"{F(waits.BatchesThatWaited)} deliveries waited for earlier batches of their keys, {F(Math.Round(waits.WaitedSeconds * 1000 / waits.BatchesThatWaited, 1))} ms on average"
            : "no delivery waited for an earlier batch of its keys";
        var beforeStart = waits.Events > 0 ? Math.Round(waits.BeforeStartSeconds * 1000 / waits.Events, 1) : 0;
        return $"batches: {F(waits.Batches)} of {F(Math.Round((double)waits.Events / waits.Batches, 1))} events on average; "
            + $"an event's Kafka timestamp to its batch's start (producing, fetching, queued) {F(beforeStart)} ms on average; "
            + $"workflow (enrichment and delivery) {F(Math.Round(waits.RanSeconds * 1000 / waits.Batches, 1))} ms per batch on average; {waited}";
    }

    private static string Verdict(WaitFigures waits, double? busyCores, int cores, double phaseSeconds, IReadOnlyList<Report.TimeSample> series)
    {
        if (busyCores >= 0.9 * cores)
        {
            return "bound by the processor";
        }

        if (BusyAfterStartUp(series) is { } after && after.Least >= 0.9 * cores)
        {
            return $"bound by the processor after start-up ({F(after.Least)} of {F(cores)} cores busy or more in every second after the first, {F(after.First)} in the first)";
        }

        if (waits.Batches == 0)
        {
            return "no batch ran";
        }

        var longest = waits.WaitedSeconds > waits.RanSeconds ? "per-key order" : "the workflows' service calls and delivery";
        return phaseSeconds > 0 && waits.HeldSeconds >= phaseSeconds / 2
            ? $"bound by the in-flight limit (Runtime:MaxInFlightMessages), its messages waiting longest on {longest}, not the processor"
            : $"bound by {longest}, not the processor";
    }

    /// <summary>
    /// The machine's busy cores in the series' first second (group join, connections, JIT) and the fewest in the seconds
    /// after it; null without such seconds or a reading of each. The sampler stops when the phase's last event is
    /// finished, so every sampled second lies within the phase.
    /// </summary>
    private static (double First, double Least)? BusyAfterStartUp(IReadOnlyList<Report.TimeSample> series)
    {
        if (series.Count < 2 || series[0].MachineBusyCores is not { } first)
        {
            return null;
        }

        var least = double.MaxValue;
        for (var i = 1; i < series.Count; i++)
        {
            if (series[i].MachineBusyCores is not { } busy)
            {
                return null;
            }

            least = Math.Min(least, busy);
        }

        return (first, least);
    }

    /// <summary>Where a phase's latency starts: a paced phase counts from each event's intended send time.</summary>
    private static string LatencyOrigin(PhaseFigures phase) => phase.OfferedPerSecond is null
        ? "produce"
        : "intended send time (coordinated omission corrected: the producer stamps each event with when the fixed rate was due to send it, if it sent later)";

    private static string Us(ProcessCpu? process) => process is null ? "not measured (not started by the bench)" : $"{F(process.MicrosecondsPerEvent)} us";

    private static string Cores(ProcessCpu? process) => process is null ? "not measured" : $"{F(process.Cores)} ({F(process.Seconds)} s)";

    private static string Machine(CpuFigures cpu) => cpu.MachineBusyCores is { } busy
        ? $"; machine {F(busy)} of {F(Environment.ProcessorCount)} busy, {F(cpu.OtherCores ?? 0)} of it in other processes"
        : string.Empty;

    private static string F(double value) => value.ToString("#,0.###", CultureInfo.InvariantCulture);
}
