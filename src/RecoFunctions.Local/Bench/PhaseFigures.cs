using RecoFunctions.Core.Diagnostics;
using RecoFunctions.Local.Bench.Report;
using RecoFunctions.Local.Cli;
using RecoFunctions.Local.Cli.Shared;

namespace RecoFunctions.Local.Bench;

/// <summary>The figures of one bench phase; audit figures are null where the phase delivers nothing.</summary>
/// <param name="Name">bare-consumer, pipeline-max-rate or pipeline-fixed-rate.</param>
/// <param name="Events">Events read (bare consumer) or finished (pipeline).</param>
/// <param name="Seconds">From the first event consumed to the last one finished.</param>
/// <param name="EventsPerSecond"><paramref name="Events"/> over <paramref name="Seconds"/>.</param>
/// <param name="OfferedPerSecond">The rate the producer achieved while the phase consumed; null for a pre-produced backlog.</param>
/// <param name="LatencyMs">Produce timestamp to recommender receipt, from the sandbox recorder's histogram.</param>
/// <param name="Memory">Peaks sampled during the phase.</param>
/// <param name="Cpu">Processor time of the process during the phase.</param>
/// <param name="Delivered">Valid (key, version) pairs the recommender received.</param>
/// <param name="Lost">Valid pairs neither delivered nor dead-lettered.</param>
/// <param name="DuplicatesApplied">Pairs the recommender applied more than once.</param>
/// <param name="DeadLettered">Messages in the dead-letter topics.</param>
internal sealed record PhaseFigures(
    string Name,
    long Events,
    double Seconds,
    double EventsPerSecond,
    double? OfferedPerSecond,
    LatencyFigures? LatencyMs,
    MemoryFigures Memory,
    CpuFigures Cpu,
    long? Delivered,
    long? Lost,
    long? DuplicatesApplied,
    long? DeadLettered)
{
    /// <summary>The batches' waits; measured in the maximum-rate phase only, where they say what bounds the rate.</summary>
    public WaitFigures? Waits { get; init; }

    /// <summary>The whole latency percentile curve (from the same histogram as <see cref="LatencyMs"/>), for the report.</summary>
    public IReadOnlyList<PercentilePoint> LatencyCurve { get; init; } = [];

    /// <summary>Throughput, lag and in flight once a second while the phase ran (pipeline phases), for the report.</summary>
    public IReadOnlyList<TimeSample> Series { get; init; } = [];
}
