namespace RecoFunctions.Core.Delivery;

/// <summary>Body of <c>POST /deliveries/batch</c>; operations are applied in order.</summary>
public sealed record DeliveryBatchRequest
{
    public IReadOnlyList<DeliveryOperation> Operations { get; set; } = [];
}
