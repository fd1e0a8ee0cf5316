namespace RecoFunctions.Core.Delivery;

/// <summary>Body of the single-item endpoints <c>PUT /items/{id}</c>, <c>PUT /campaigns/{id}</c> and <c>POST /campaigns/{id}/retire</c>.</summary>
public sealed record DeliveryRequest
{
    public long Version { get; set; }

    public DateTimeOffset ProducedAt { get; set; }

    /// <summary>Required by the two PUTs.</summary>
    public DeliveryPayload? Payload { get; set; }
}
