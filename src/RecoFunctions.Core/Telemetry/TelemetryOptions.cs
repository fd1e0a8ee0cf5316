using System.ComponentModel.DataAnnotations;

namespace RecoFunctions.Core.Telemetry;

/// <summary>The <c>Telemetry</c> section: how many traces are kept. Exporters are configured by their own standard keys.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>
    /// Share of traces started here that are recorded (0 to 1); a trace started upstream keeps the upstream decision.
    /// Unset: the host's default (1 for <c>reco run</c>, 0.1 for the Functions app).
    /// </summary>
    [Range(0.0, 1.0)]
    public double? TraceSampleRatio { get; set; }
}
