using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace RecoFunctions.Core.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Binds the <c>Telemetry</c> section and checks it, and the OTLP endpoint keys, at start-up.</summary>
    public static IServiceCollection AddRecoTelemetryOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TelemetryOptions>()
            .Bind(configuration.GetSection(TelemetryOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsRangeValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelemetryOptions>>(new TelemetryOptionsValidator(configuration)));
        return services;
    }
}
