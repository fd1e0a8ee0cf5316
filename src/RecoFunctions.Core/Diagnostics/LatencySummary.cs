namespace RecoFunctions.Core.Diagnostics;

/// <summary>The usual latency figures of one latency histogram (<see cref="LatencyHistograms"/>).</summary>
public readonly record struct LatencySummary(long Count, TimeSpan P50, TimeSpan P95, TimeSpan P99, TimeSpan Max);
