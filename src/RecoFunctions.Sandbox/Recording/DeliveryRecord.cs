namespace RecoFunctions.Sandbox.Recording;

/// <summary>One delivery as the sandbox recommender received it.</summary>
public readonly record struct DeliveryRecord(
    string Kind,
    string Key,
    string Action,
    long Version,
    string Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ProducedAt,
    string? Reason = null);
