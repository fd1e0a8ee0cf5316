namespace RecoFunctions.Local.Bench;

/// <summary>Everything <c>reco bench</c> prints, as <c>--out</c> writes it.</summary>
/// <param name="StartedAt">When the bench started.</param>
/// <param name="Machine">Where the figures came from.</param>
/// <param name="Calibration">How fast this machine parses and validates on one thread, to compare runs on different machines by.</param>
/// <param name="Settings">The bench's options and the configuration entries that shape performance (Runtime, Kafka, Services).</param>
/// <param name="BacklogProducedPerSecond">How fast the backlog was produced.</param>
/// <param name="WarmUp">The unmeasured warm-up before the phases; null when it was skipped (<c>--warmup 0</c>).</param>
/// <param name="BareConsumer">Phase 1: the ceiling.</param>
/// <param name="PipelineMaxRate">Phase 2: the pipeline over the same backlog.</param>
/// <param name="PipelineFixedRate">Phase 3: the pipeline at the offered rate, producing while consuming.</param>
/// <param name="Ratio">Pipeline events/s at maximum rate over bare consumer events/s.</param>
/// <param name="Targets">The targets, each PASS or MISS.</param>
/// <param name="LoadAverageAtStart">The machine's load averages when the bench started (other work competes for the cores).</param>
/// <param name="LoadAverageAtEnd">The same when it ended.</param>
internal sealed record BenchReport(
    DateTimeOffset StartedAt,
    MachineInfo Machine,
    CalibrationFigures Calibration,
    IReadOnlyDictionary<string, string> Settings,
    double BacklogProducedPerSecond,
    WarmUpFigures? WarmUp,
    PhaseFigures BareConsumer,
    PhaseFigures PipelineMaxRate,
    PhaseFigures PipelineFixedRate,
    double Ratio,
    IReadOnlyList<TargetResult> Targets,
    string? LoadAverageAtStart,
    string? LoadAverageAtEnd)
{
    public bool AllPassed => Targets.All(target => target.Passed);
}
