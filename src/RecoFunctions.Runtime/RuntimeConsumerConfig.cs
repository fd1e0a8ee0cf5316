using Confluent.Kafka;
using RecoFunctions.Runtime.Kafka;

namespace RecoFunctions.Runtime;

/// <summary>
/// The runtime's consumer settings: <see cref="KafkaClientConfigs.Consumer"/> plus partition-end events (for the idle
/// signal) and a small, quickly refilled prefetch. Pausing a partition throws away what librdkafka prefetched for it,
/// so a large prefetch is fetched twice under backpressure; and once the prefetch queue is full librdkafka waits
/// <c>fetch.queue.backoff.ms</c> (1 s by default) before fetching that partition again, which stalls a small queue.
/// Every default here yields to the same key under <c>Kafka:Consumer</c>.
/// </summary>
internal static class RuntimeConsumerConfig
{
    private static readonly Dictionary<string, string> Defaults = new(StringComparer.Ordinal)
    {
        ["fetch.queue.backoff.ms"] = "10",
        ["queued.min.messages"] = "200",
        ["queued.max.messages.kbytes"] = "4096",
        ["max.partition.fetch.bytes"] = "65536",
    };

    public static ConsumerConfig Create(KafkaOptions options, string bootstrapServers, string groupId)
    {
        var config = KafkaClientConfigs.Consumer(options, bootstrapServers, groupId);
        config.EnablePartitionEof = true;
        foreach (var (key, value) in Defaults)
        {
            if (!options.Consumer.ContainsKey(key))
            {
                config.Set(key, value);
            }
        }

        return config;
    }
}
