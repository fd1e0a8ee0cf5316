namespace RecoFunctions.Local.Cli.Shared;

/// <summary>Latency percentiles in milliseconds, as <c>reco run --summary-json</c> writes them.</summary>
internal sealed record LatencyFigures(long Count, double P50, double P95, double P99, double Max);
