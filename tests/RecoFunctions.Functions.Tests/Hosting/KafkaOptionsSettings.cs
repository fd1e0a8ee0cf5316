namespace RecoFunctions.Functions.Tests.Hosting;

/// <summary>
/// The settings of host.json's <c>extensions.kafka</c> section: the public settable properties of <c>KafkaOptions</c>
/// in Azure/azure-functions-kafka-extension, tag 4.3.2 (the host extension the Kafka worker extension 4.3.0 pins),
/// src/Microsoft.Azure.WebJobs.Extensions.Kafka/Config/KafkaOptions.cs; the host binds the section onto that class
/// (Config/KafkaWebJobsBuilderExtensions.cs, <c>BindOptions&lt;KafkaOptions&gt;()</c>), ignoring case. Written out here
/// because that extension is not served by every registry.
/// </summary>
internal static class KafkaOptionsSettings
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "ReconnectBackoffMs",
        "ReconnectBackoffMaxMs",
        "StatisticsIntervalMs",
        "SessionTimeoutMs",
        "MaxPollIntervalMs",
        "QueuedMinMessages",
        "QueuedMaxMessagesKbytes",
        "MaxPartitionFetchBytes",
        "FetchMaxBytes",
        "MaxBatchSize",
        "AutoCommitIntervalMs",
        "AutoOffsetReset",
        "LibkafkaDebug",
        "MetadataMaxAgeMs",
        "SocketKeepaliveEnable",
        "SubscriberIntervalInSeconds",
        "ExecutorChannelCapacity",
        "CommitOnFailure",
        "MaxRetries",
        "ChannelFullRetryIntervalInMs",
        "SubscriberIdleBackoffMs",
    };
}
