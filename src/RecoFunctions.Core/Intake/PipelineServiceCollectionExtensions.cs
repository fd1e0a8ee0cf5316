using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Configuration;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Parsing;
using RecoFunctions.Core.Privacy;

namespace RecoFunctions.Core.Intake;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// Binds the <c>Pipeline</c> section, validates it at start-up (every flow's rules compiled, unknown keys refused) and
    /// registers <see cref="FlowRegistry"/>, privacy (<see cref="PrivacyServiceCollectionExtensions.AddRecoPrivacy"/>), the compiled validators, <see cref="MessageIntake"/> and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddRecoPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(PipelineOptions.SectionName);
        services.AddOptions<PipelineOptions>()
            .Bind(section)
            .ValidateKeyedOnStart<PipelineOptions, PipelineOptionsValidator>(PipelineOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PipelineOptions>>(new PipelineFlowsValidator(section)));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new FlowRegistry(provider.GetRequiredService<IOptions<PipelineOptions>>()));
        services.AddRecoPrivacy(configuration);
        services.TryAddSingleton(provider => new CompiledFlows(
            provider.GetRequiredService<IOptions<PipelineOptions>>().Value,
            provider.GetRequiredService<FlowRegistry>(),
            provider.GetRequiredService<UserPseudonymiser>));
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<PipelineOptions>>().Value;
            return new MessageIntake(
                provider.GetRequiredService<CompiledFlows>(),
                new JsonPayloadParser(options.MaxPayloadBytes, options.MaxJsonDepth),
                provider.GetRequiredService<TimeProvider>());
        });
        return services;
    }
}
