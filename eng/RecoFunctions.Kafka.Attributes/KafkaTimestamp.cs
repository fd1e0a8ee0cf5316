namespace Microsoft.Azure.Functions.Worker;

/// <summary>
/// A record's timestamp (the member the app reads). Checked against Azure/azure-functions-dotnet-worker, tag
/// kafka-extension-4.3.0, extensions/Worker.Extensions.Kafka/src/KafkaTimestamp.cs.
/// </summary>
public class KafkaTimestamp
{
    public long UnixTimestampMs { get; set; }
}
