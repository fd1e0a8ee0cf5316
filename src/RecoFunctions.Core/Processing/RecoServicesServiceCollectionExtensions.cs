using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Configuration;
using RecoFunctions.Core.Contracts;
using RecoFunctions.Core.Delivery;
using RecoFunctions.Core.Diagnostics;
using RecoFunctions.Core.Enrichment;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Resilience;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Core.Processing;

public static class RecoServicesServiceCollectionExtensions
{
    private static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Registers the downstream clients (options from <c>Services:&lt;service&gt;</c>, validated at start-up), the enrichment
    /// steps, delivery and <see cref="IBatchProcessor"/>. Needs, from elsewhere: an <see cref="IServicePipelineProvider"/>
    /// and the bound <c>Pipeline</c> options (for <see cref="FlowRegistry"/>).
    /// </summary>
    public static IServiceCollection AddRecoServices(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddLogging();
        services.TryAddSingleton(sp => new FlowRegistry(sp.GetRequiredService<IOptions<PipelineOptions>>()));
        services.TryAddSingleton<ServiceMetrics>();

        foreach (var service in ServiceNames.All)
        {
            services.AddOptions<ServiceEndpointOptions>(service)
                .Bind(configuration.GetSection($"{ServiceEndpointOptions.SectionName}:{service}"))
                .ValidateKeyedOnStart<ServiceEndpointOptions, ServiceEndpointOptionsValidator>($"{ServiceEndpointOptions.SectionName}:{service}");
        }

        AddClient<IContentApiClient, ContentApiClient>(services, ServiceNames.ContentApi);
        AddClient<IPlacementApiClient, PlacementApiClient>(services, ServiceNames.PlacementApi);
        AddClient<IRecommenderApiClient, RecommenderApiClient>(services, ServiceNames.RecommenderApi);
        AddClient<IRecommenderDeliveryClient, RecommenderDeliveryClient>(services, ServiceNames.RecommenderApi);
        AddClient<IFeatureDeliveryClient, FeatureDeliveryClient>(services, ServiceNames.RecommenderApi);

        services.TryAddSingleton<ServiceCallGate>();
        services.TryAddSingleton<BatchCaller>();
        AddSteps(services);
        services.TryAddSingleton<RecommenderDelivery>();
        services.TryAddSingleton<FeatureDelivery>();
        services.TryAddSingleton(sp => new BatchProcessor(
            sp.GetRequiredService<FlowRegistry>(),
            sp.GetRequiredService<EnrichmentStepCatalog>(),
            sp.GetRequiredService<RecommenderDelivery>(),
            sp.GetRequiredService<ServiceMetrics>(),
            sp.GetRequiredService<ILogger<BatchProcessor>>()));
        services.TryAddSingleton<IBatchProcessor>(sp => sp.GetRequiredService<BatchProcessor>());
        return services;
    }

    private static void AddSteps(IServiceCollection services)
    {
        services.TryAddSingleton<ContentApiStep>();
        services.TryAddSingleton<KnownContentStep>();
        services.TryAddSingleton<PlacementStep>();
        services.AddSingleton(new EnrichmentStepDescriptor(EnrichmentStepNames.ContentApi, ContractKind.ContentV1, sp => sp.GetRequiredService<ContentApiStep>()));
        services.AddSingleton(new EnrichmentStepDescriptor(EnrichmentStepNames.RecommenderKnownContent, ContractKind.CampaignV1, sp => sp.GetRequiredService<KnownContentStep>()));
        services.AddSingleton(new EnrichmentStepDescriptor(EnrichmentStepNames.Placement, ContractKind.CampaignV1, sp => sp.GetRequiredService<PlacementStep>()));
        services.TryAddSingleton<EnrichmentStepCatalog>();

        // Step names are checked with the rest of the Pipeline options when the host starts.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PipelineOptions>, FlowStepsValidator>());
        services.AddOptions<PipelineOptions>().ValidateOnStart();
    }

    private static void AddClient<TClient, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TImplementation>(
        IServiceCollection services, string service)
        where TClient : class
        where TImplementation : class, TClient
    {
        services.AddHttpClient<TClient, TImplementation>((sp, client) =>
            {
                var options = sp.GetRequiredService<IOptionsMonitor<ServiceEndpointOptions>>().Get(service);
                var baseUrl = options.BaseUrl!;
                client.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute);
                client.Timeout = options.Timeout;
                if (!string.IsNullOrEmpty(options.ApiKey))
                {
                    client.DefaultRequestHeaders.TryAddWithoutValidation(options.ApiKeyHeader, options.ApiKey);
                }
            })
            // The clients live in singletons: connections are recycled by the pool instead of by rotating handlers.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = PooledConnectionLifetime })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler(sp => new ResiliencePipelineHandler(sp.GetRequiredService<IServicePipelineProvider>(), service));
    }
}
