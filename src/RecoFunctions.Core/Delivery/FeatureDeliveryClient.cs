using RecoFunctions.Core.Resilience;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Core.Delivery;

/// <summary>
/// Posts feature batches through the <c>recommender-api</c> HttpClient, whose handler runs the service's resilience
/// pipeline (retries, breaker): a retried batch is safe because the endpoint is idempotent on (user, window, start).
/// </summary>
internal sealed class FeatureDeliveryClient : IFeatureDeliveryClient
{
    private readonly ServiceHttp _http;
    private readonly Uri _batch;

    public FeatureDeliveryClient(HttpClient http, TimeProvider timeProvider)
    {
        _http = new ServiceHttp(http, ServiceNames.RecommenderApi, timeProvider);
        _batch = _http.Endpoint("features/batch");
    }

    public Task<FeatureBatchResponse> DeliverBatchAsync(FeatureBatchRequest request, CancellationToken cancellationToken) =>
        _http.PostAsync(_batch, request, FeatureJsonContext.Default.FeatureBatchRequest, FeatureJsonContext.Default.FeatureBatchResponse, cancellationToken);
}
