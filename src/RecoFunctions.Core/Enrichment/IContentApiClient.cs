namespace RecoFunctions.Core.Enrichment;

/// <summary>The content API (service <c>content-api</c>). Non-success answers throw <see cref="Services.ServiceCallException"/>.</summary>
internal interface IContentApiClient
{
    /// <summary><c>GET /contents/{contentId}?version=N</c>.</summary>
    Task<ContentDocument> GetAsync(string contentId, long version, CancellationToken cancellationToken);

    /// <summary><c>POST /contents/batch</c>.</summary>
    Task<ContentBatchResponse> GetBatchAsync(ContentBatchRequest request, CancellationToken cancellationToken);
}
