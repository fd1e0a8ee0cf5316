namespace RecoFunctions.Sandbox.Wire;

public sealed record ServiceKnobsView(
    string Service,
    double LatencyMs,
    double JitterMs,
    double ErrorRate,
    int ErrorStatus,
    double? RetryAfterSeconds,
    int? OutageStatus,
    DateTimeOffset? OutageUntilUtc,
    bool OutageActive,
    int ScriptedPending,
    long TotalCalls,
    long InjectedFailures,
    int PeakConcurrentCalls,
    IReadOnlyDictionary<string, long> Calls);
