using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace RecoFunctions.Core.Resilience;

/// <summary>Binds <c>Resilience:Defaults</c>, then each service's section onto its own copy of the defaults.</summary>
internal sealed class ResilienceOptionsSetup(IConfiguration configuration) : IConfigureOptions<ResilienceOptions>
{
    public void Configure(ResilienceOptions options)
    {
        var section = configuration.GetSection(ResilienceOptions.SectionName);
        section.GetSection(ResilienceOptions.DefaultsKey).Bind(options.Defaults);

        foreach (var service in ServiceNames.All)
        {
            var effective = options.Defaults.Clone();
            section.GetSection(service).Bind(effective);
            options.Services[service] = effective;
        }

        foreach (var child in section.GetChildren())
        {
            if (!string.Equals(child.Key, ResilienceOptions.DefaultsKey, StringComparison.OrdinalIgnoreCase)
                && !ServiceNames.All.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                options.UnknownSections.Add(child.Key);
            }
        }
    }
}
