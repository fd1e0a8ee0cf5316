using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Configuration;

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
            .ValidateKeyedOnStart<TelemetryOptions, TelemetryOptionsValidator>(TelemetryOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelemetryOptions>>(new OtlpEndpointsValidator(configuration)));
        return services;
    }
}
