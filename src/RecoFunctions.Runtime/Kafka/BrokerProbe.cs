using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace RecoFunctions.Runtime.Kafka;

/// <summary>
/// The start-up check of every command that talks to Kafka: one metadata request bounded by <c>Kafka:ConnectTimeout</c>,
/// so that a wrong or dead address fails fast with a clear message instead of a client retrying in the background.
/// </summary>
internal static class BrokerProbe
{
    /// <exception cref="BrokerUnreachableException">No answer within the timeout.</exception>
    public static Metadata Probe(KafkaOptions options, string bootstrapServers, ILogger logger)
    {
        LibrdkafkaLoader.EnsureInstalled();
        using var admin = new AdminClientBuilder(KafkaClientConfigs.Admin(options, bootstrapServers))
            .SetLogHandler((_, message) => KafkaLog.Librdkafka(logger, message.Facility, message.Message))
            .SetErrorHandler((_, _) =>
            {
                // The metadata call below reports the failure once, with the address.
            })
            .Build();
        try
        {
            return admin.GetMetadata(options.ConnectTimeout);
        }
        catch (KafkaException exception)
        {
            throw new BrokerUnreachableException(bootstrapServers, options.ConnectTimeout, exception);
        }
    }

    /// <summary>Partitions of <paramref name="topic"/>, or null when it does not exist.</summary>
    public static IReadOnlyList<int>? PartitionsOf(Metadata metadata, string topic)
    {
        var found = metadata.Topics.Find(candidate => candidate.Topic == topic);
        return found is null || found.Error.IsError ? null : [.. found.Partitions.Select(partition => partition.PartitionId).Order()];
    }
}
