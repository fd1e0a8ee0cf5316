using Microsoft.Extensions.Options;
using RecoFunctions.Core.Configuration;

namespace RecoFunctions.Core.Resilience;

/// <summary>
/// Resilience settings of one downstream service: <c>Resilience:Defaults</c> overlaid with <c>Resilience:&lt;service&gt;</c>.
/// Strategies, outer to inner: total timeout, retry, circuit breaker, per-attempt timeout.
/// </summary>
public sealed class ServiceResilienceOptions
{
    /// <summary>Bound on one call including all its retries and their delays.</summary>
    [TimeSpanRange("00:00:00.010", "00:10:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Bound on one attempt; a timed-out attempt is retried and counts as a breaker failure.</summary>
    [TimeSpanRange("00:00:00.010", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(2);

    [ValidateObjectMembers]
    public ServiceRetryOptions Retry { get; set; } = new();

    [ValidateObjectMembers]
    public ServiceBreakerOptions CircuitBreaker { get; set; } = new();

    internal ServiceResilienceOptions Clone() => new()
    {
        TotalTimeout = TotalTimeout,
        AttemptTimeout = AttemptTimeout,
        Retry = Retry.Clone(),
        CircuitBreaker = CircuitBreaker.Clone(),
    };
}
