namespace RecoFunctions.Sandbox.Wire;

/// <summary>Answer of <c>GET /_sandbox/stats</c>.</summary>
public sealed record StatsView(
    long Received,
    long Applied,
    long StaleIgnored,
    long Rejected,
    long DuplicatesApplied,
    int DistinctKeys,
    LatencyView Latency,
    IReadOnlyDictionary<string, ServiceCallsView> Services);
