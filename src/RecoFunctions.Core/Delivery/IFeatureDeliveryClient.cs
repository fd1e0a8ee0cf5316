namespace RecoFunctions.Core.Delivery;

/// <summary>The recommender's feature endpoint (service <c>recommender-api</c>).</summary>
internal interface IFeatureDeliveryClient
{
    /// <summary><c>POST /features/batch</c>: one result per record, in order. Non-success answers throw <see cref="Services.ServiceCallException"/>.</summary>
    Task<FeatureBatchResponse> DeliverBatchAsync(FeatureBatchRequest request, CancellationToken cancellationToken);
}
