namespace RecoFunctions.Core.Resilience;

/// <summary>The circuit breaker of every downstream service: for the live view, the batch processor and operators.</summary>
public interface IBreakerRegistry
{
    /// <summary>One breaker per service in <see cref="ServiceNames.All"/>, in that order.</summary>
    IReadOnlyList<ServiceBreaker> Breakers { get; }

    /// <exception cref="KeyNotFoundException">No breaker exists for <paramref name="serviceName"/>.</exception>
    ServiceBreaker Get(string serviceName);
}
