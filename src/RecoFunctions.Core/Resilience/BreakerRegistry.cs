namespace RecoFunctions.Core.Resilience;

internal sealed class BreakerRegistry : IBreakerRegistry
{
    private readonly Dictionary<string, ServiceBreaker> _byName;

    public BreakerRegistry(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        Breakers = [.. ServiceNames.All.Select(name => new ServiceBreaker(name, timeProvider))];
        _byName = Breakers.ToDictionary(breaker => breaker.Name, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<ServiceBreaker> Breakers { get; }

    public ServiceBreaker Get(string serviceName) =>
        _byName.TryGetValue(serviceName, out var breaker)
            ? breaker
            : throw new KeyNotFoundException($"No circuit breaker for service '{serviceName}'. Known services: {string.Join(", ", _byName.Keys)}.");
}
