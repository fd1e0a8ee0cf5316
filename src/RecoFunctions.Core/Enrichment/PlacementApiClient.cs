using RecoFunctions.Core.Resilience;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Core.Enrichment;

internal sealed class PlacementApiClient : IPlacementApiClient
{
    private readonly ServiceHttp _http;
    private readonly Uri _batch;

    public PlacementApiClient(HttpClient http, TimeProvider timeProvider)
    {
        _http = new ServiceHttp(http, ServiceNames.PlacementApi, timeProvider);
        _batch = _http.Endpoint("placements/batch");
    }

    public Task<PlacementDocument> GetAsync(string placementId, CancellationToken cancellationToken) =>
        _http.GetAsync($"placements/{Uri.EscapeDataString(placementId)}", EnrichmentJsonContext.Default.PlacementDocument, cancellationToken);

    public Task<PlacementBatchResponse> GetBatchAsync(PlacementBatchRequest request, CancellationToken cancellationToken) =>
        _http.PostAsync(_batch, request, EnrichmentJsonContext.Default.PlacementBatchRequest, EnrichmentJsonContext.Default.PlacementBatchResponse, cancellationToken);
}
