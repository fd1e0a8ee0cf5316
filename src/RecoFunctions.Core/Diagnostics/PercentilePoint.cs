namespace RecoFunctions.Core.Diagnostics;

/// <summary>One point of a latency percentile curve: <paramref name="Percentile"/> % of the values lie at or below <paramref name="Milliseconds"/>.</summary>
public readonly record struct PercentilePoint(double Percentile, double Milliseconds);
