using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Configuration;
using RecoFunctions.Core.CircuitState;
using RecoFunctions.Core.Intake;
using RecoFunctions.Core.Processing;
using RecoFunctions.Core.Windowing;
using RecoFunctions.Core.Workflow;
using RecoFunctions.Runtime.Kafka;
using RecoFunctions.Runtime.Windows;

namespace RecoFunctions.Runtime;

public static class RuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Everything <see cref="PipelineRuntime"/> needs: the <c>Kafka</c> and <c>Runtime</c> sections (validated at
    /// start-up, errors naming the key) and the pipeline itself (flows and intake, resilience with shared breaker state,
    /// the workflow's retry budget, downstream clients and the batch processor).
    /// </summary>
    public static IServiceCollection AddRecoRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddRecoKafka(configuration);
        services.AddOptions<RuntimeOptions>()
            .Bind(configuration.GetSection(RuntimeOptions.SectionName))
            .ValidateKeyedOnStart<RuntimeOptions, RuntimeOptionsValidator>(RuntimeOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RuntimeOptions>>(
            new KnownKeysValidator<RuntimeOptions>(configuration, RuntimeOptions.SectionName)));
        services.AddOptions<ChangelogOptions>()
            .Bind(configuration.GetSection(ChangelogOptions.SectionName))
            .ValidateKeyedOnStart<ChangelogOptions, ChangelogOptionsValidator>(ChangelogOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChangelogOptions>>(
            new KnownKeysValidator<ChangelogOptions>(configuration, ChangelogOptions.SectionName)));
        services.AddWindowing(configuration);
        services.AddRecoPipeline(configuration);
        services.AddRecoResilience(configuration);
        services.AddRecoWorkflow(configuration);
        services.AddRecoServices(configuration);
        services.AddWindowFeatures(configuration);
        return services;
    }
}
