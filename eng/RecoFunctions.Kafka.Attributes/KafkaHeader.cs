namespace Microsoft.Azure.Functions.Worker;

/// <summary>
/// A record header. Checked against Azure/azure-functions-dotnet-worker, tag kafka-extension-4.3.0,
/// extensions/Worker.Extensions.Kafka/src/KafkaHeader.cs.
/// </summary>
public class KafkaHeader
{
    public string Key { get; set; }

    public byte[] Value { get; set; }
}
