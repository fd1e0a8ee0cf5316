using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RecoFunctions.Core.Configuration;

namespace RecoFunctions.Functions.Planning;

public static class OrchestrationServiceCollectionExtensions
{
    /// <summary>Registers the <c>Orchestration</c> options, validated at start-up with errors naming the key.</summary>
    public static IServiceCollection AddRecoOrchestration(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var section = configuration.GetSection(OrchestrationOptions.SectionName);
        services.AddOptions<OrchestrationOptions>().Configure(options => section.Bind(options)).ValidateKeyedOnStart<OrchestrationOptions, OrchestrationOptionsValidator>(
            OrchestrationOptions.SectionName,
            static options => options.ActivityFirstRetryInterval > options.ActivityMaxRetryInterval
                ? string.Format(
                    CultureInfo.InvariantCulture,
                    "{0}:ActivityFirstRetryInterval ({1:c}) must not exceed {0}:ActivityMaxRetryInterval ({2:c})",
                    OrchestrationOptions.SectionName,
                    options.ActivityFirstRetryInterval,
                    options.ActivityMaxRetryInterval)
                : null);
        return services;
    }
}
