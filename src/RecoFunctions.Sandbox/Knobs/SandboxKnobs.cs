namespace RecoFunctions.Sandbox.Knobs;

/// <summary>The knobs of all sandbox services.</summary>
public sealed class SandboxKnobs
{
    private readonly ServiceKnobs[] _services;

    internal SandboxKnobs(SandboxOptions options, TimeProvider timeProvider)
    {
        _services = [.. SandboxServiceNames.All.Select(service =>
            new ServiceKnobs(service, options.Seed + (int)service, timeProvider, options.Latency, options.LatencyJitter))];
    }

    public ServiceKnobs ContentApi => this[SandboxService.ContentApi];

    public ServiceKnobs PlacementApi => this[SandboxService.PlacementApi];

    public ServiceKnobs RecommenderApi => this[SandboxService.RecommenderApi];

    public ServiceKnobs RecommenderDelivery => this[SandboxService.RecommenderDelivery];

    public IReadOnlyList<ServiceKnobs> All => _services;

    public ServiceKnobs this[SandboxService service] => _services[(int)service];

    public void Reset()
    {
        foreach (var service in _services)
        {
            service.Reset();
        }
    }
}
