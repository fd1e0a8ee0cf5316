using RecoFunctions.Core.Resilience;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Core.Enrichment;

internal sealed class RecommenderApiClient(HttpClient http, TimeProvider timeProvider) : IRecommenderApiClient
{
    private const string Service = ServiceNames.RecommenderApi;

    private readonly Uri _knownContent = ServiceHttp.Endpoint(http, "recommender/known-content");
    private readonly Uri _knownContentBatch = ServiceHttp.Endpoint(http, "recommender/known-content/batch");

    public Task<KnownContentResult> GetKnownContentAsync(KnownContentRequest request, CancellationToken cancellationToken) =>
        ServiceHttp.SendAsync(
            http,
            Service,
            timeProvider,
            HttpMethod.Post,
            _knownContent,
            ServiceHttp.Json(request, ServicesJsonContext.Default.KnownContentRequest),
            ServicesJsonContext.Default.KnownContentResult,
            cancellationToken);

    public Task<KnownContentBatchResponse> GetKnownContentBatchAsync(KnownContentBatchRequest request, CancellationToken cancellationToken) =>
        ServiceHttp.SendAsync(
            http,
            Service,
            timeProvider,
            HttpMethod.Post,
            _knownContentBatch,
            ServiceHttp.Json(request, ServicesJsonContext.Default.KnownContentBatchRequest),
            ServicesJsonContext.Default.KnownContentBatchResponse,
            cancellationToken);
}
