using System.Diagnostics;
using Confluent.Kafka;
using RecoFunctions.Runtime.Kafka;
using RecoFunctions.Runtime;

namespace RecoFunctions.Local.Bench;

/// <summary>
/// The ceiling: a plain consumer with the runtime's consumer settings (fetch sizes, prefetch, fetch wait) that reads the
/// pre-produced backlog and does nothing with it.
/// </summary>
internal static class BareConsumer
{
    /// <returns>Events read and the time from the first to the last one.</returns>
    /// <exception cref="TimeoutException">Fewer than <paramref name="expected"/> events arrived within <paramref name="timeout"/>.</exception>
    public static (long Events, TimeSpan Elapsed) Read(
        KafkaOptions options, string bootstrapServers, IReadOnlyList<string> topics, long expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        LibrdkafkaLoader.EnsureInstalled();
        var config = RuntimeConsumerConfig.Create(options, bootstrapServers, "reco-bench-bare");
        config.ClientId = options.ClientId + "-bench-bare";
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).SetLogHandler(static (_, _) => { }).Build();
        consumer.Assign(PartitionsOf(options, bootstrapServers, topics).Select(partition => new TopicPartitionOffset(partition, Offset.Beginning)));

        var deadline = Stopwatch.StartNew();
        long read = 0;
        long first = 0;
        long last = 0;
        while (read < expected)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"The bare consumer read {read:N0} of {expected:N0} events in {timeout.TotalSeconds:0} s.");
            }

            var result = consumer.Consume(100);
            if (result is null || result.IsPartitionEOF)
            {
                continue;
            }

            if (read++ == 0)
            {
                first = Stopwatch.GetTimestamp();
            }

            last = Stopwatch.GetTimestamp();
        }

        consumer.Close();
        return (read, Stopwatch.GetElapsedTime(first, last));
    }

    private static List<TopicPartition> PartitionsOf(KafkaOptions options, string bootstrapServers, IReadOnlyList<string> topics)
    {
        using var admin = new AdminClientBuilder(KafkaClientConfigs.Admin(options, bootstrapServers)).SetLogHandler(static (_, _) => { }).Build();
        var partitions = new List<TopicPartition>();
        foreach (var topic in topics)
        {
            var metadata = admin.GetMetadata(topic, options.ConnectTimeout);
            partitions.AddRange(metadata.Topics.SelectMany(t => t.Partitions.Select(p => new TopicPartition(t.Topic, p.PartitionId))));
        }

        return partitions;
    }
}
