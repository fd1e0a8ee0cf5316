using Polly;

namespace RecoFunctions.Core.Resilience;

/// <summary>One resilience pipeline per downstream service (content-api, placement-api, recommender-api), built from configuration.</summary>
public interface IServicePipelineProvider
{
    /// <exception cref="KeyNotFoundException">No pipeline is configured for <paramref name="serviceName"/>.</exception>
    ResiliencePipeline<HttpResponseMessage> GetPipeline(string serviceName);
}
