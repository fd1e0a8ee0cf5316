using System.Diagnostics;

namespace RecoFunctions.Core.Telemetry;

/// <summary>
/// The names both runtimes export: one meter and one activity source, both <see cref="Name"/>, and the histogram bounds
/// of the durations they record in seconds (exporters' defaults are milliseconds and would put every value in one bucket).
/// </summary>
public static class RecoTelemetry
{
    public const string Name = "RecoFunctions";

    /// <summary>Seconds: 1 ms to 2 minutes, denser where the latency targets are.</summary>
    public static IReadOnlyList<double> DurationBucketsSeconds { get; } =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10, 30, 60, 120];

    /// <summary>The histograms recorded in seconds: end-to-end latency, window freshness and service call duration.</summary>
    public static IReadOnlyList<string> DurationHistograms { get; } = ["reco.runtime.latency", "reco.runtime.window_freshness", "reco.service.call.duration"];

    /// <summary>Spans of batches and service calls; without a listener (no tracing configured) it creates nothing.</summary>
    internal static ActivitySource Source { get; } = new(Name, typeof(RecoTelemetry).Assembly.GetName().Version?.ToString());
}
