namespace RecoFunctions.Sandbox.Wire;

public sealed record DeliveryRecordView(
    string Kind,
    string Action,
    long Version,
    string Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ProducedAt,
    double LatencyMs,
    string? Reason);
