using Confluent.Kafka;
using RecoFunctions.Runtime.Kafka;

namespace RecoFunctions.Runtime.Tests.Kafka;

public sealed class EmbeddedKafkaTests
{
    [Fact]
    public void Start_ProduceThenConsumeInGroup_RoundTripsAndCommits()
    {
        using var kafka = EmbeddedKafka.Start(defaultPartitions: 3);
        kafka.EnsureTopic("round-trip");
        kafka.EnsureTopic("round-trip"); // idempotent
        var options = new KafkaOptions();

        using (var producer = new ProducerBuilder<string, string>(KafkaClientConfigs.Producer(options, kafka.BootstrapServers)).Build())
        {
            for (var i = 0; i < 30; i++)
            {
                producer.Produce("round-trip", new Message<string, string> { Key = $"k{i}", Value = $"v{i}" });
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(10)));
        }

        var seen = ConsumeAll(kafka, options, expected: 30);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"v{i}").Order(), seen.Order());

        // The group committed everything: a second member of the same group gets nothing.
        Assert.Empty(ConsumeAll(kafka, options, expected: 0, idle: TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void EnsureTopic_NewTopic_HasRequestedPartitions()
    {
        using var kafka = EmbeddedKafka.Start();
        kafka.EnsureTopic("wide", partitions: 12);
        using var admin = new AdminClientBuilder(KafkaClientConfigs.Admin(new KafkaOptions(), kafka.BootstrapServers)).Build();

        var metadata = admin.GetMetadata("wide", TimeSpan.FromSeconds(10));

        Assert.Equal(12, Assert.Single(metadata.Topics).Partitions.Count);
    }

    private static List<string> ConsumeAll(EmbeddedKafka kafka, KafkaOptions options, int expected, TimeSpan? idle = null)
    {
        var config = KafkaClientConfigs.Consumer(options, kafka.BootstrapServers, groupId: "round-trip-group");
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe("round-trip");
        var seen = new List<string>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var idleUntil = DateTime.UtcNow + (idle ?? TimeSpan.FromSeconds(30));
        while (seen.Count < expected || (expected == 0 && DateTime.UtcNow < idleUntil))
        {
            Assert.True(DateTime.UtcNow < deadline, $"consumed {seen.Count} of {expected}");
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null)
            {
                continue;
            }

            seen.Add(result.Message.Value);
            consumer.StoreOffset(result);
        }

        if (seen.Count > 0)
        {
            consumer.Commit();
        }

        consumer.Close();
        return seen;
    }
}
