using RecoFunctions.Core.Diagnostics;

namespace RecoFunctions.Sandbox.Recording;

/// <summary>What the sandbox recommender received, with end-to-end latency (receive time − producedAt) of applied deliveries.</summary>
public sealed record DeliveryStats(
    long Received,
    long Applied,
    long StaleIgnored,
    long Rejected,
    long DuplicatesApplied,
    int DistinctKeys,
    LatencySummary Latency);
