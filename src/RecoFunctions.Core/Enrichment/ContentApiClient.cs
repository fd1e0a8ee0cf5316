using System.Globalization;
using RecoFunctions.Core.Resilience;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Core.Enrichment;

internal sealed class ContentApiClient(HttpClient http, TimeProvider timeProvider) : IContentApiClient
{
    private const string Service = ServiceNames.ContentApi;

    private readonly Uri _batch = ServiceHttp.Endpoint(http, "contents/batch");

    public Task<ContentDocument> GetAsync(string contentId, long version, CancellationToken cancellationToken) =>
        ServiceHttp.SendAsync(
            http,
            Service,
            timeProvider,
            HttpMethod.Get,
            string.Create(CultureInfo.InvariantCulture, $"contents/{Uri.EscapeDataString(contentId)}?version={version}"),
            null,
            ServicesJsonContext.Default.ContentDocument,
            cancellationToken);

    public Task<ContentBatchResponse> GetBatchAsync(ContentBatchRequest request, CancellationToken cancellationToken) =>
        ServiceHttp.SendAsync(
            http,
            Service,
            timeProvider,
            HttpMethod.Post,
            _batch,
            ServiceHttp.Json(request, ServicesJsonContext.Default.ContentBatchRequest),
            ServicesJsonContext.Default.ContentBatchResponse,
            cancellationToken);
}
