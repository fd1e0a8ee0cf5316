using Polly;
using RecoFunctions.Core.Resilience;

namespace RecoFunctions.Testing;

/// <summary>No retries, timeouts or breakers: each request is sent exactly once, so tests see the services' raw answers.</summary>
public sealed class PassThroughServicePipelineProvider : IServicePipelineProvider
{
    public ResiliencePipeline<HttpResponseMessage> GetPipeline(string serviceName) => ResiliencePipeline<HttpResponseMessage>.Empty;
}
