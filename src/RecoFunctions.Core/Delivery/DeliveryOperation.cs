namespace RecoFunctions.Core.Delivery;

/// <summary>
/// One operation of <c>POST /deliveries/batch</c>. The recommender is idempotent on (<see cref="Kind"/>, <see cref="Key"/>,
/// <see cref="Version"/>): it keeps the highest version per key and answers <c>stale</c> to older or equal ones.
/// </summary>
public sealed record DeliveryOperation
{
    /// <summary><see cref="DeliveryKinds"/>.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary><see cref="DeliveryActions"/>.</summary>
    public string Action { get; set; } = string.Empty;

    public string Key { get; set; } = string.Empty;

    public long Version { get; set; }

    /// <summary>The Kafka timestamp of the message; the recommender measures end-to-end latency from it.</summary>
    public DateTimeOffset ProducedAt { get; set; }

    /// <summary>Required for upserts, ignored otherwise.</summary>
    public DeliveryPayload? Payload { get; set; }
}
