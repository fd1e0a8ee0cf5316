using RecoFunctions.Core.Resilience;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Core.Enrichment;

internal sealed class PlacementApiClient(HttpClient http, TimeProvider timeProvider) : IPlacementApiClient
{
    private const string Service = ServiceNames.PlacementApi;

    private readonly Uri _batch = ServiceHttp.Endpoint(http, "placements/batch");

    public Task<PlacementDocument> GetAsync(string placementId, CancellationToken cancellationToken) =>
        ServiceHttp.SendAsync(
            http,
            Service,
            timeProvider,
            HttpMethod.Get,
            $"placements/{Uri.EscapeDataString(placementId)}",
            null,
            ServicesJsonContext.Default.PlacementDocument,
            cancellationToken);

    public Task<PlacementBatchResponse> GetBatchAsync(PlacementBatchRequest request, CancellationToken cancellationToken) =>
        ServiceHttp.SendAsync(
            http,
            Service,
            timeProvider,
            HttpMethod.Post,
            _batch,
            ServiceHttp.Json(request, ServicesJsonContext.Default.PlacementBatchRequest),
            ServicesJsonContext.Default.PlacementBatchResponse,
            cancellationToken);
}
