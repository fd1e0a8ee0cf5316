using RecoFunctions.Core.Delivery;
using RecoFunctions.Core.Diagnostics;
using RecoFunctions.Local.Cli.Run;
using RecoFunctions.Local.Cli.Shared;
using RecoFunctions.Sandbox.Recording;

namespace RecoFunctions.Local.Demo;

/// <summary>
/// End-to-end latency (Kafka timestamp to recommender receipt) of a demo's applied deliveries, split by when their
/// events were produced: during the start-up (the first part of the stream, while the consumer group forms, the first
/// connections open and the JIT compiles) and in the steady state after it; and the p99 per second of the stream, which
/// shows how long the start-up lasted.
/// </summary>
/// <param name="StartUp">Events produced before <c>SteadyFrom</c>.</param>
/// <param name="SteadyState">Events produced from <c>SteadyFrom</c> on; a count of 0 when the stream was shorter than the start-up.</param>
/// <param name="P99BySecondMs">The p99 of the events produced in each second of the stream, in milliseconds.</param>
internal sealed record DemoLatency(LatencyFigures StartUp, LatencyFigures SteadyState, IReadOnlyList<double> P99BySecondMs)
{
    /// <summary>From the recorder's per-key delivery history (the newest deliveries of each key: ample for a demo's versions per key).</summary>
    public static DemoLatency From(DeliveryRecorder recorder, DateTimeOffset streamStart, DateTimeOffset steadyFrom)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        var startUp = LatencyHistograms.Create();
        var steady = LatencyHistograms.Create();
        var bySecond = new List<HdrHistogram.LongHistogram>();
        foreach (var received in recorder.EnumerateReceived())
        {
            foreach (var delivery in recorder.GetDeliveries(received.Key, received.Kind))
            {
                if (delivery.Status != DeliveryStatuses.Applied)
                {
                    continue;
                }

                var latency = delivery.ReceivedAt - delivery.ProducedAt;
                (delivery.ProducedAt < steadyFrom ? startUp : steady).Record(latency);
                var second = (int)Math.Max(0, Math.Floor((delivery.ProducedAt - streamStart).TotalSeconds));
                while (bySecond.Count <= second)
                {
                    bySecond.Add(LatencyHistograms.Create(significantDigits: 2));
                }

                bySecond[second].Record(latency);
            }
        }

        return new DemoLatency(
            RunReport.Figures(startUp.Summarize()),
            RunReport.Figures(steady.Summarize()),
            [.. bySecond.Select(histogram => Math.Round(histogram.Percentile(99).TotalMilliseconds, 1))]);
    }
}
