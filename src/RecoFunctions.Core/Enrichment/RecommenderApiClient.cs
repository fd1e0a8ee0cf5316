using RecoFunctions.Core.Resilience;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Core.Enrichment;

internal sealed class RecommenderApiClient(HttpClient http, TimeProvider timeProvider) : IRecommenderApiClient
{
    private const string Service = ServiceNames.RecommenderApi;

    public Task<KnownContentResult> GetKnownContentAsync(KnownContentRequest request, CancellationToken cancellationToken) =>
        ServiceHttp.SendAsync(
            http,
            Service,
            timeProvider,
            HttpMethod.Post,
            "recommender/known-content",
            ServiceHttp.Json(request, ServicesJsonContext.Default.KnownContentRequest),
            ServicesJsonContext.Default.KnownContentResult,
            cancellationToken);

    public Task<KnownContentBatchResponse> GetKnownContentBatchAsync(KnownContentBatchRequest request, CancellationToken cancellationToken) =>
        ServiceHttp.SendAsync(
            http,
            Service,
            timeProvider,
            HttpMethod.Post,
            "recommender/known-content/batch",
            ServiceHttp.Json(request, ServicesJsonContext.Default.KnownContentBatchRequest),
            ServicesJsonContext.Default.KnownContentBatchResponse,
            cancellationToken);
}
