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
internal sealed record BenchSettings(
    long Backlog,
    double Rate,
    TimeSpan Duration,
    TimeSpan Latency,
    TimeSpan MaxLatency,
    bool Mixed,
    int MemoryBoundMb,
    string? Bootstrap)
{
    /// <summary>Share of invalid events with <see cref="Mixed"/>.</summary>
    public const double MixedInvalidShare = 0.05;

    /// <summary>Distinct keys per flow: versions per key stay small, as in production.</summary>
    public const int Keys = 10_000;
}
