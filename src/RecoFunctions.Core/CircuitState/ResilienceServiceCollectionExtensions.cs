using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Resilience;

namespace RecoFunctions.Core.CircuitState;

public static class ResilienceServiceCollectionExtensions
{
    /// <summary>
    /// Registers one resilience pipeline per downstream service (<see cref="IServicePipelineProvider"/>), their breakers
    /// (<see cref="IBreakerRegistry"/>) and the shared breaker state (<see cref="CircuitStateServiceCollectionExtensions.AddRecoCircuitState"/>).
    /// The <c>Resilience</c> section is validated at start-up; errors name the offending key. Time comes from the
    /// registered <see cref="TimeProvider"/> (the system clock unless one is registered).
    /// </summary>
    public static IServiceCollection AddRecoResilience(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ResilienceOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<ResilienceOptions>>(new ResilienceOptionsSetup(configuration)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ResilienceOptions>>(new ResilienceOptionsValidator(configuration)));
        services.TryAddSingleton<ServicePipelineProvider>();
        services.TryAddSingleton<IServicePipelineProvider>(provider => provider.GetRequiredService<ServicePipelineProvider>());
        services.TryAddSingleton(provider => provider.GetRequiredService<ServicePipelineProvider>().Breakers);
        services.AddRecoCircuitState(configuration);
        return services;
    }
}
