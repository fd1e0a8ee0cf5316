namespace RecoFunctions.Core.Delivery;

/// <summary>The recommender's write API (service <c>recommender-api</c>).</summary>
internal interface IRecommenderDeliveryClient
{
    /// <summary><c>POST /deliveries/batch</c>: one result per operation, in order.</summary>
    Task<DeliveryBatchResponse> DeliverBatchAsync(DeliveryBatchRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// One operation through the single-item endpoints (<c>PUT /items/{id}</c>, <c>DELETE /items/{id}?version=</c>,
    /// <c>PUT /campaigns/{id}</c>, <c>POST /campaigns/{id}/retire</c>). A rejection throws (400).
    /// </summary>
    Task<DeliveryResult> DeliverAsync(DeliveryOperation operation, CancellationToken cancellationToken);
}
