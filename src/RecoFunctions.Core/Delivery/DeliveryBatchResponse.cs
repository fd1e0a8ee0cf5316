namespace RecoFunctions.Core.Delivery;

/// <summary>Answer of <c>POST /deliveries/batch</c>: one result per operation, in request order.</summary>
public sealed record DeliveryBatchResponse
{
    public IReadOnlyList<DeliveryResult> Results { get; set; } = [];
}
