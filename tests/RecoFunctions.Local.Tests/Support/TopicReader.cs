using Confluent.Kafka;
using RecoFunctions.Runtime.Kafka;

namespace RecoFunctions.Local.Tests.Support;

/// <summary>Reads whole topics (every partition, from the beginning to the end offsets at the start), without a group.</summary>
internal static class TopicReader
{
    public static List<ConsumeResult<byte[]?, byte[]?>> ReadAll(string bootstrapServers, params string[] topics)
    {
        var config = KafkaClientConfigs.Consumer(new KafkaOptions(), bootstrapServers, groupId: "test-reader");
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).SetLogHandler(static (_, _) => { }).Build();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        var ends = new Dictionary<TopicPartition, long>();
        foreach (var topic in metadata.Topics.Where(topic => topics.Contains(topic.Topic)))
        {
            foreach (var partition in topic.Partitions)
            {
                var topicPartition = new TopicPartition(topic.Topic, partition.PartitionId);
                var high = consumer.QueryWatermarkOffsets(topicPartition, TimeSpan.FromSeconds(10)).High.Value;
                if (high > 0)
                {
                    ends[topicPartition] = high;
                }
            }
        }

        var records = new List<ConsumeResult<byte[]?, byte[]?>>();
        if (ends.Count == 0)
        {
            return records;
        }

        consumer.Assign(ends.Keys.Select(partition => new TopicPartitionOffset(partition, Offset.Beginning)));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (ends.Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"topics not read to their end: {string.Join(", ", ends.Keys)}");
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null || result.IsPartitionEOF)
            {
                continue;
            }

            records.Add(result);
            if (result.Offset.Value + 1 >= ends[result.TopicPartition])
            {
                ends.Remove(result.TopicPartition);
            }
        }

        consumer.Close();
        return records;
    }
}
