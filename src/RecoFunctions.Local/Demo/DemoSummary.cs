using RecoFunctions.Local.Cli.Shared;

namespace RecoFunctions.Local.Demo;

/// <summary>
/// The figures of a demo run. <see cref="Lost"/> counts valid (key, version) pairs that reached neither the recommender
/// nor a dead-letter topic; <see cref="DuplicatesApplied"/> counts pairs the recommender applied twice. Both must be 0.
/// <see cref="PipelinePerSecond"/> and <see cref="EndToEndLatencyMs"/> cover the whole run, start-up included (the
/// consumer group forming, first connections, JIT compilation); the steady-state figures cover the events produced
/// after the first <see cref="WarmUpSeconds"/> of the stream.
/// </summary>
internal sealed record DemoSummary(
    bool Passed,
    long Produced,
    IReadOnlyDictionary<string, long> ProducedByFlow,
    long ExpectedValidPairs,
    long Delivered,
    long DeadLettered,
    IReadOnlyDictionary<string, long> DeadLetteredByReason,
    long Lost,
    long DuplicatesApplied,
    long TransientDeadLetters,
    double DurationSeconds,
    double ProducedPerSecond,
    double PipelinePerSecond,
    LatencyFigures EndToEndLatencyMs,
    double WarmUpSeconds,
    double? SteadyStatePerSecond,
    LatencyFigures SteadyStateLatencyMs,
    LatencyFigures StartUpLatencyMs,
    IReadOnlyList<double> P99BySecondMs,
    double RequestedPerSecond,
    string? LoadAverageAtStart)
{
    /// <summary>The interactions flow's figures; null when it is not enabled.</summary>
    public DemoInteractions? Interactions { get; init; }
}
