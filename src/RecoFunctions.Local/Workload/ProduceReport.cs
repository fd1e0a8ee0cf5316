using RecoFunctions.Local.Accounting;

namespace RecoFunctions.Local.Workload;

/// <summary>What a produce run sent, how fast, what failed; <see cref="Manifest"/> is the expectation to audit against.</summary>
/// <param name="Manifest">What Kafka acknowledged, per flow, with every message's expected fate.</param>
/// <param name="Attempted">Messages handed to the producer.</param>
/// <param name="Failed">Messages Kafka did not take, oversized ones it refused excepted.</param>
/// <param name="RefusedTooLarge">Deliberately oversized values the producer or broker refused as too large (they never entered Kafka).</param>
/// <param name="Bytes">Value bytes acknowledged.</param>
/// <param name="Elapsed">From the first send to the last acknowledgement.</param>
/// <param name="FailureSamples">The first few failures, for the report.</param>
/// <param name="Cancelled">Stopped before the end; what was acknowledged until then is in the manifest.</param>
public sealed record ProduceReport(
    WorkloadManifest Manifest,
    long Attempted,
    long Failed,
    long RefusedTooLarge,
    long Bytes,
    TimeSpan Elapsed,
    IReadOnlyList<string> FailureSamples,
    bool Cancelled)
{
    /// <summary>Messages Kafka acknowledged.</summary>
    public long Sent => Manifest.Produced;

    /// <summary>Acknowledged messages per second over <see cref="Elapsed"/>.</summary>
    public double Rate => Elapsed > TimeSpan.Zero ? Sent / Elapsed.TotalSeconds : 0;
}
