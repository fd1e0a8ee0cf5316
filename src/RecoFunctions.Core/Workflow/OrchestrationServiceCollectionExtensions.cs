using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace RecoFunctions.Core.Workflow;

public static class OrchestrationServiceCollectionExtensions
{
    /// <summary>Registers the <c>Orchestration</c> options, validated at start-up with errors naming the key.</summary>
    public static IServiceCollection AddRecoOrchestration(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var section = configuration.GetSection(OrchestrationOptions.SectionName);
        services.AddOptions<OrchestrationOptions>().Configure(options => section.Bind(options)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OrchestrationOptions>, OrchestrationOptionsValidator>());
        return services;
    }
}
