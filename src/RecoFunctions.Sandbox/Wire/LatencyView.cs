namespace RecoFunctions.Sandbox.Wire;

/// <summary>End-to-end latency figures in milliseconds.</summary>
public sealed record LatencyView(long Count, double P50Ms, double P95Ms, double P99Ms, double MaxMs);
