using RecoFunctions.Local.Drills;

namespace RecoFunctions.Local.Bench;

/// <summary>What <c>reco bench</c> measures and how hard.</summary>
/// <param name="Backlog">Events pre-produced for the bare consumer and the maximum-rate pipeline phase.</param>
/// <param name="Rate">Offered events per second in the fixed-rate phase.</param>
/// <param name="Duration">How long the fixed-rate phase produces.</param>
/// <param name="Latency">Sandbox latency per call in the fixed-rate phase.</param>
/// <param name="MaxLatency">Sandbox latency per call in the maximum-rate phase.</param>
/// <param name="Mixed">Adds a share of invalid events to the throughput phases.</param>
/// <param name="MemoryBoundMb">Largest acceptable peak GC heap, in MiB.</param>
/// <param name="Bootstrap">An existing Kafka; null starts an embedded one.</param>
/// <param name="WarmUp">Events of the unmeasured warm-up backlog; 0 skips the warm-up.</param>
internal sealed record BenchSettings(
    long Backlog,
    double Rate,
    TimeSpan Duration,
    TimeSpan Latency,
    TimeSpan MaxLatency,
    bool Mixed,
    int MemoryBoundMb,
    string? Bootstrap,
    long WarmUp = BenchSettings.DefaultWarmUp)
{
    /// <summary>
    /// Warm-up events by default: enough for the hot paths to reach tier-1 code (they are called thousands of times)
    /// while adding only a few seconds to the run.
    /// </summary>
    public const long DefaultWarmUp = 30_000;

    /// <summary>The <c>reco.dll</c> that runs the broker, sandbox and producer processes.</summary>
    public string RecoDll { get; init; } = RecoProcess.DefaultRecoDll;

    /// <summary>The configuration options the bench was given (<c>--environment</c>, <c>--config</c>), passed on to those processes.</summary>
    public IReadOnlyList<string> GlobalArguments { get; init; } = [];

    /// <summary>Share of invalid events with <see cref="Mixed"/>.</summary>
    public const double MixedInvalidShare = 0.05;

    /// <summary>Distinct keys per flow: versions per key stay small, as in production.</summary>
    public const int Keys = 10_000;

    /// <summary>Longest burst of the warm-up at the fixed rate, so that a low <see cref="Rate"/> does not stretch the run.</summary>
    public static readonly TimeSpan MaxWarmUpBurst = TimeSpan.FromSeconds(3);

    /// <summary>The warm-up's burst at the fixed-rate settings: half of <see cref="WarmUp"/>, at most <see cref="MaxWarmUpBurst"/> at <see cref="Rate"/>.</summary>
    public long WarmUpFixedRateEvents => Math.Min(WarmUp / 2, (long)Math.Round(Rate * MaxWarmUpBurst.TotalSeconds));
}
