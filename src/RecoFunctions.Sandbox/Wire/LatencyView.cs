using RecoFunctions.Core.Diagnostics;

namespace RecoFunctions.Sandbox.Wire;

/// <summary>End-to-end latency figures in milliseconds.</summary>
public sealed record LatencyView(long Count, double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    /// <summary>The whole percentile curve, for plots; empty when nothing was recorded.</summary>
    public IReadOnlyList<PercentilePoint> Curve { get; init; } = [];
}
