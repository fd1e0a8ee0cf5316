namespace RecoFunctions.Core.Messaging;

/// <summary>
/// A record as it came off a Kafka topic, before anything is known about its payload.
/// Hosts (the self-hosted runtime, the Functions trigger) build it from their own client types.
/// </summary>
public sealed record KafkaMessage(
    string Topic,
    int Partition,
    long Offset,
    string? Key,
    IReadOnlyList<KafkaHeader> Headers,
    DateTimeOffset Timestamp,
    ReadOnlyMemory<byte> Value)
{
    public MessageId Id => new(Topic, Partition, Offset);
}
