namespace Microsoft.Azure.Functions.Worker;

/// <summary>
/// A consumed Kafka record. Checked against Azure/azure-functions-dotnet-worker, tag kafka-extension-4.3.0,
/// extensions/Worker.Extensions.Kafka/src/KafkaRecord.cs (a class with settable properties; no LeaderEpoch since 4.3.0).
/// </summary>
public class KafkaRecord
{
    public string Topic { get; set; }

    public int Partition { get; set; }

    public long Offset { get; set; }

    public byte[] Key { get; set; }

    public byte[] Value { get; set; }

    public KafkaTimestamp Timestamp { get; set; }

    public KafkaHeader[] Headers { get; set; }
}
