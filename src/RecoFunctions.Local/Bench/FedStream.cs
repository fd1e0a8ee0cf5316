using RecoFunctions.Local.Accounting;
using RecoFunctions.Local.Workload;

namespace RecoFunctions.Local.Bench;

/// <summary>The events a phase was fed: how many, how fast they were offered, and the manifest the audit checks them against.</summary>
/// <param name="Sent">Events Kafka acknowledged.</param>
/// <param name="Rate">Events per second the producer achieved; null where unknown.</param>
/// <param name="Manifest">What each event should become.</param>
internal sealed record FedStream(long Sent, double? Rate, WorkloadManifest Manifest)
{
    public static FedStream Of(ProduceReport report) => new(report.Sent, report.Rate, report.Manifest);
}
