namespace RecoFunctions.Core.Enrichment;

/// <summary>The placement API (service <c>placement-api</c>).</summary>
internal interface IPlacementApiClient
{
    /// <summary><c>GET /placements/{placementId}</c>.</summary>
    Task<PlacementDocument> GetAsync(string placementId, CancellationToken cancellationToken);

    /// <summary><c>POST /placements/batch</c>.</summary>
    Task<PlacementBatchResponse> GetBatchAsync(PlacementBatchRequest request, CancellationToken cancellationToken);
}
