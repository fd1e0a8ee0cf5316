using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RecoFunctions.Core.Configuration;
using RecoFunctions.Core.Delivery;

namespace RecoFunctions.Core.Windowing;

public static class WindowFeaturesServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <c>Features</c> options (validated at start-up, errors naming the key), the content catalog
    /// (<see cref="IContentCatalog"/>) and the publisher of closed windows (<see cref="IClosedWindowPublisher"/>), and
    /// <c>AddWindowing</c> unless it was called (the top lists' length is <c>Windowing:TopCount</c>). Needs
    /// <c>AddRecoServices</c> first (the content API client, the feature delivery, the shared batch calls) and, like it,
    /// an <c>IServicePipelineProvider</c> (<c>AddRecoResilience</c>).
    /// </summary>
    public static IServiceCollection AddWindowFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (!services.Any(descriptor => descriptor.ServiceType == typeof(FeatureDelivery)))
        {
            throw new InvalidOperationException("AddWindowFeatures needs the downstream services: call AddRecoServices first.");
        }

        if (!services.Any(descriptor => descriptor.ServiceType == typeof(Microsoft.Extensions.Options.IConfigureOptions<WindowingOptions>)))
        {
            services.AddWindowing(configuration);
        }

        services.AddOptions<FeatureOptions>()
            .Bind(configuration.GetSection(FeatureOptions.SectionName))
            .ValidateKeyedOnStart<FeatureOptions, FeatureOptionsValidator>(FeatureOptions.SectionName);
        services.TryAddSingleton<ContentCatalog>();
        services.TryAddSingleton<IContentCatalog>(provider => provider.GetRequiredService<ContentCatalog>());
        services.TryAddSingleton<IClosedWindowPublisher, ClosedWindowPublisher>();
        return services;
    }
}
