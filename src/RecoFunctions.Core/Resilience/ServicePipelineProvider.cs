using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace RecoFunctions.Core.Resilience;

/// <summary>
/// Builds every service's breaker and pipeline once, together, from the effective <see cref="ResilienceOptions"/>:
/// a breaker is only meaningful once its pipeline exists, so whoever asks for either gets both.
/// </summary>
internal sealed class ServicePipelineProvider : IServicePipelineProvider
{
    private readonly Dictionary<string, ResiliencePipeline<HttpResponseMessage>> _pipelines;

    public ServicePipelineProvider(IOptions<ResilienceOptions> options, TimeProvider timeProvider, ILogger<ServicePipelineProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);

        var settings = options.Value;
        Breakers = new BreakerRegistry(timeProvider);
        _pipelines = new Dictionary<string, ResiliencePipeline<HttpResponseMessage>>(StringComparer.OrdinalIgnoreCase);
        foreach (var service in ServiceNames.All)
        {
            _pipelines[service] = ServicePipelineFactory.Create(service, settings.For(service), Breakers.Get(service), timeProvider, logger);
        }
    }

    public IBreakerRegistry Breakers { get; }

    public ResiliencePipeline<HttpResponseMessage> GetPipeline(string serviceName) =>
        _pipelines.TryGetValue(serviceName, out var pipeline)
            ? pipeline
            : throw new KeyNotFoundException($"No resilience pipeline for service '{serviceName}'. Known services: {string.Join(", ", _pipelines.Keys)}.");
}
