using RecoFunctions.Core.Resilience;

namespace RecoFunctions.Core.Services;

/// <summary>
/// Sends every request of one service's HttpClient through that service's resilience pipeline (retries, timeouts, breaker).
/// The pipeline is looked up per request, so the provider may rebuild pipelines when configuration changes.
/// </summary>
internal sealed class ResiliencePipelineHandler(IServicePipelineProvider pipelines, string serviceName) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var pipeline = pipelines.GetPipeline(serviceName);
        return await pipeline.ExecuteAsync(
            static (state, token) => new ValueTask<HttpResponseMessage>(state.Handler.SendOnceAsync(state.Request, token)),
            (Handler: this, Request: request),
            cancellationToken).ConfigureAwait(false);
    }

    private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
