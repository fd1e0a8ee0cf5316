using Polly;

namespace RecoFunctions.Testing;

/// <summary>Requests through a service's resilience pipeline, for tests of breakers and their shared state.</summary>
public static class PipelineRequests
{
    /// <summary>Sends one GET through <paramref name="pipeline"/> to <paramref name="handler"/>.</summary>
    public static ValueTask<HttpResponseMessage> SendAsync(ResiliencePipeline<HttpResponseMessage> pipeline, HttpMessageHandler handler)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return pipeline.ExecuteAsync(
            static async (handler, token) =>
            {
                using var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
                using var request = new HttpRequestMessage(HttpMethod.Get, "http://content.test/contents/art-1");
                return await invoker.SendAsync(request, token).ConfigureAwait(false);
            },
            handler,
            CancellationToken.None);
    }
}
