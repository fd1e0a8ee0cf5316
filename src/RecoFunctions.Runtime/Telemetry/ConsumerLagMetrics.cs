using System.Diagnostics.Metrics;
using RecoFunctions.Core.Telemetry;
using RecoFunctions.Runtime;

namespace RecoFunctions.Runtime.Telemetry;

/// <summary>
/// <c>reco.runtime.consumer.lag</c>: per assigned partition, the messages in Kafka not yet finished here (high
/// watermark minus the commit position), read from the partitions' published figures when an exporter collects.
/// </summary>
internal static class ConsumerLagMetrics
{
    public static ObservableGauge<long> Observe(IMeterFactory meterFactory, Func<IReadOnlyList<PartitionLane>> lanes)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(lanes);
        return meterFactory.Create(RecoTelemetry.Name).CreateObservableGauge(
            "reco.runtime.consumer.lag",
            () => Measure(lanes()),
            "{message}",
            "Consumer lag per assigned partition: high watermark minus the committed position.");
    }

    private static IEnumerable<Measurement<long>> Measure(IReadOnlyList<PartitionLane> lanes)
    {
        foreach (var lane in lanes)
        {
            yield return new Measurement<long>(
                lane.Lag,
                new KeyValuePair<string, object?>("flow", lane.Flow.Name),
                new KeyValuePair<string, object?>("topic", lane.Partition.Topic),
                new KeyValuePair<string, object?>("partition", lane.Partition.Partition));
        }
    }
}
