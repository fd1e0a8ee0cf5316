namespace RecoFunctions.Runtime;

/// <summary>A downstream service's circuit breaker: <c>Closed</c>, <c>Open</c>, <c>HalfOpen</c> or <c>Isolated</c>, and until when it stays open if known.</summary>
public sealed record BreakerStatus(string Service, string State, DateTimeOffset? OpenUntil);
