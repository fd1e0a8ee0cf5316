namespace RecoFunctions.Core.Resilience;

/// <summary>
/// The <c>Resilience</c> configuration section: <c>Defaults</c> plus one optional section per service whose values
/// override the defaults key by key. <see cref="Services"/> holds the effective settings of every known service.
/// </summary>
public sealed class ResilienceOptions
{
    public const string SectionName = "Resilience";
    public const string DefaultsKey = "Defaults";

    public ServiceResilienceOptions Defaults { get; set; } = new();

    /// <summary>Effective settings by service name (<see cref="ServiceNames.All"/>).</summary>
    public Dictionary<string, ServiceResilienceOptions> Services { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Sections under <c>Resilience</c> that name no known service (reported as errors at start-up).</summary>
    internal List<string> UnknownSections { get; } = [];

    public ServiceResilienceOptions For(string serviceName) =>
        Services.TryGetValue(serviceName, out var options)
            ? options
            : throw new KeyNotFoundException($"No resilience settings for service '{serviceName}'. Known services: {string.Join(", ", Services.Keys)}.");
}
