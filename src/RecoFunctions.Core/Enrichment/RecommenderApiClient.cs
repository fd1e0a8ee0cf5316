using RecoFunctions.Core.Resilience;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Core.Enrichment;

internal sealed class RecommenderApiClient : IRecommenderApiClient
{
    private readonly ServiceHttp _http;
    private readonly Uri _knownContent;
    private readonly Uri _knownContentBatch;

    public RecommenderApiClient(HttpClient http, TimeProvider timeProvider)
    {
        _http = new ServiceHttp(http, ServiceNames.RecommenderApi, timeProvider);
        _knownContent = _http.Endpoint("recommender/known-content");
        _knownContentBatch = _http.Endpoint("recommender/known-content/batch");
    }

    public Task<KnownContentResult> GetKnownContentAsync(KnownContentRequest request, CancellationToken cancellationToken) =>
        _http.PostAsync(_knownContent, request, EnrichmentJsonContext.Default.KnownContentRequest, EnrichmentJsonContext.Default.KnownContentResult, cancellationToken);

    public Task<KnownContentBatchResponse> GetKnownContentBatchAsync(KnownContentBatchRequest request, CancellationToken cancellationToken) =>
        _http.PostAsync(
            _knownContentBatch, request, EnrichmentJsonContext.Default.KnownContentBatchRequest, EnrichmentJsonContext.Default.KnownContentBatchResponse, cancellationToken);
}
