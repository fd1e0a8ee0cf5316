using System.Globalization;
using RecoFunctions.Core.Resilience;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Core.Enrichment;

internal sealed class ContentApiClient : IContentApiClient
{
    private readonly ServiceHttp _http;
    private readonly Uri _batch;

    public ContentApiClient(HttpClient http, TimeProvider timeProvider)
    {
        _http = new ServiceHttp(http, ServiceNames.ContentApi, timeProvider);
        _batch = _http.Endpoint("contents/batch");
    }

    public Task<ContentDocument> GetAsync(string contentId, long version, CancellationToken cancellationToken) =>
        _http.GetAsync(
            string.Create(CultureInfo.InvariantCulture, $"contents/{Uri.EscapeDataString(contentId)}?version={version}"),
            EnrichmentJsonContext.Default.ContentDocument,
            cancellationToken);

    public Task<ContentBatchResponse> GetBatchAsync(ContentBatchRequest request, CancellationToken cancellationToken) =>
        _http.PostAsync(_batch, request, EnrichmentJsonContext.Default.ContentBatchRequest, EnrichmentJsonContext.Default.ContentBatchResponse, cancellationToken);
}
