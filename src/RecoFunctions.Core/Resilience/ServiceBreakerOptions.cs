using System.ComponentModel.DataAnnotations;
using RecoFunctions.Core.Configuration;

namespace RecoFunctions.Core.Resilience;

/// <summary>The <c>CircuitBreaker</c> part of a service's resilience settings (Polly's failure-ratio breaker).</summary>
public sealed class ServiceBreakerOptions
{
    /// <summary>Share of transient failures among the sampled calls that opens the breaker.</summary>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed within <see cref="SamplingDuration"/> before the ratio counts.</summary>
    [Range(2, 1_000_000)]
    public int MinimumThroughput { get; set; } = 20;

    [TimeSpanRange("00:00:00.500", "01:00:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the breaker stays open before one probe call is let through.</summary>
    [TimeSpanRange("00:00:00.500", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    internal ServiceBreakerOptions Clone() => (ServiceBreakerOptions)MemberwiseClone();
}
