using System.Globalization;
using RecoFunctions.Core.Resilience;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Core.Delivery;

internal sealed class RecommenderDeliveryClient : IRecommenderDeliveryClient
{
    private readonly ServiceHttp _http;
    private readonly Uri _batch;

    public RecommenderDeliveryClient(HttpClient http, TimeProvider timeProvider)
    {
        _http = new ServiceHttp(http, ServiceNames.RecommenderApi, timeProvider);
        _batch = _http.Endpoint("deliveries/batch");
    }

    public Task<DeliveryBatchResponse> DeliverBatchAsync(DeliveryBatchRequest request, CancellationToken cancellationToken) =>
        _http.PostAsync(_batch, request, DeliveryJsonContext.Default.DeliveryBatchRequest, DeliveryJsonContext.Default.DeliveryBatchResponse, cancellationToken);

    public Task<DeliveryResult> DeliverAsync(DeliveryOperation operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var key = Uri.EscapeDataString(operation.Key);
        var body = new DeliveryRequest { Version = operation.Version, ProducedAt = operation.ProducedAt, Payload = operation.Payload };
        return (operation.Kind, operation.Action) switch
        {
            (DeliveryKinds.Item, DeliveryActions.Upsert) => SendAsync(HttpMethod.Put, $"items/{key}", body, cancellationToken),
            (DeliveryKinds.Item, DeliveryActions.Delete) => SendAsync(HttpMethod.Delete, DeletePath(key, operation), null, cancellationToken),
            (DeliveryKinds.Campaign, DeliveryActions.Upsert) => SendAsync(HttpMethod.Put, $"campaigns/{key}", body, cancellationToken),
            (DeliveryKinds.Campaign, DeliveryActions.Retire) => SendAsync(HttpMethod.Post, $"campaigns/{key}/retire", body with { Payload = null }, cancellationToken),
            _ => throw new ArgumentException($"No single-item endpoint for {operation.Action} of a {operation.Kind}.", nameof(operation)),
        };
    }

    private static string DeletePath(string escapedKey, DeliveryOperation operation) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"items/{escapedKey}?version={operation.Version}&producedAt={Uri.EscapeDataString(operation.ProducedAt.ToString("O", CultureInfo.InvariantCulture))}");

    private Task<DeliveryResult> SendAsync(HttpMethod method, string path, DeliveryRequest? body, CancellationToken cancellationToken) =>
        _http.SendAsync(
            method,
            path,
            body is null ? null : JsonRequestContent.Create(body, DeliveryJsonContext.Default.DeliveryRequest),
            DeliveryJsonContext.Default.DeliveryResult,
            cancellationToken);
}
