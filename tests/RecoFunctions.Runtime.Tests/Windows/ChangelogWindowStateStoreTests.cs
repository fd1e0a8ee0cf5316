using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using RecoFunctions.Core.Windowing;
using RecoFunctions.Runtime.Kafka;
using RecoFunctions.Runtime.Windows;
using RecoFunctions.Testing;

namespace RecoFunctions.Runtime.Tests.Windows;

/// <summary>The changelog store on the embedded Kafka (librdkafka's mock cluster, the real protocol).</summary>
public sealed class ChangelogWindowStateStoreTests : WindowStateStoreContractTests, IClassFixture<ChangelogWindowStateStoreTests.Broker>, IDisposable
{
    private const string Group = "reco-test";
    private static readonly DateTimeOffset Watermark = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);
    private readonly Broker _broker;
    private readonly List<ChangelogWindowStateStore> _stores = [];

    public ChangelogWindowStateStoreTests(Broker broker)
    {
        _broker = broker;
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }
    }

    [Fact]
    public async Task LoadAsync_NoChangelogYet_CreatesOneWithTheTopicsPartitions()
    {
        var topic = UniqueTopic();
        var store = Store(topic, partitions: 5);

        await store.LoadAsync(topic, 0, CancellationToken.None);

        using var admin = new AdminClientBuilder(KafkaClientConfigs.Admin(new KafkaOptions(), _broker.Kafka.BootstrapServers)).Build();
        var metadata = admin.GetMetadata(ChangelogTopics.NameOf(Group, topic), TimeSpan.FromSeconds(10));
        Assert.Equal(5, Assert.Single(metadata.Topics).Partitions.Count);
    }

    [Fact]
    public async Task LoadAsync_ChangelogWithOtherPartitionCount_FailsNamingIt()
    {
        var topic = UniqueTopic();
        var store = Store(topic, partitions: 3);
        var changelog = ChangelogTopics.NameOf(Group, topic);
        _broker.Kafka.EnsureTopic(changelog, partitions: 2);

        var failure = await Assert.ThrowsAsync<ChangelogTopicException>(() => store.LoadAsync(topic, 0, CancellationToken.None));

        Assert.Contains(changelog, failure.Message, StringComparison.Ordinal);
        Assert.Contains("2 partitions", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_SaveCutShortByCrash_LeavesItOutAndItNeverResurfaces()
    {
        var topic = UniqueTopic();
        var first = Store(topic, partitions: 1);
        await first.LoadAsync(topic, 0, CancellationToken.None);
        await first.SaveAsync(topic, 0, new WindowStateChanges(new PartitionCheckpoint(10, Watermark), [Change("a", 1), Change("b", 2)]), CancellationToken.None);

        // A crash after the users' records of the next save, before its checkpoint.
        ProduceRaw(ChangelogTopics.NameOf(Group, topic), ChangelogCodec.UserKey("a"), [99]);

        var second = Store(topic, partitions: 1);
        var restored = await second.LoadAsync(topic, 0, CancellationToken.None);
        await second.SaveAsync(topic, 0, new WindowStateChanges(new PartitionCheckpoint(20, Watermark), [Change("c", 3)]), CancellationToken.None);
        var after = await Store(topic, partitions: 1).LoadAsync(topic, 0, CancellationToken.None);

        Assert.Equal(new byte[] { 1 }, restored.Users["a"].ToArray());
        Assert.Equal(10, restored.Checkpoint!.NextOffset);
        Assert.Equal(["a", "b", "c"], after.Users.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new byte[] { 1 }, after.Users["a"].ToArray());
        Assert.Equal(20, after.Checkpoint!.NextOffset);
    }

    [Fact]
    public async Task SaveAsync_PastSnapshotThreshold_RewritesEveryUserAndRestoresTheSame()
    {
        var topic = UniqueTopic();
        var store = Store(topic, partitions: 1, new ChangelogOptions { SnapshotAfterBytes = 65_536 });
        await store.LoadAsync(topic, 0, CancellationToken.None);
        var large = new byte[40_000];
        await store.SaveAsync(topic, 0, new WindowStateChanges(new PartitionCheckpoint(1, Watermark), [Change("quiet", 5), new UserStateChange("busy", large)]), CancellationToken.None);
        for (var i = 2; i <= 4; i++)
        {
            large[0] = (byte)i;
            await store.SaveAsync(topic, 0, new WindowStateChanges(new PartitionCheckpoint(i, Watermark), [new UserStateChange("busy", large.ToArray())]), CancellationToken.None);
        }

        var keys = ReadKeys(ChangelogTopics.NameOf(Group, topic));
        var restored = await Store(topic, partitions: 1).LoadAsync(topic, 0, CancellationToken.None);

        var snapshotAt = keys.IndexOf("~snapshot");
        Assert.True(snapshotAt > 0, "a snapshot marker was written");
        Assert.Contains("u/quiet", keys.Skip(snapshotAt));
        Assert.Equal(4, restored.Checkpoint!.NextOffset);
        Assert.Equal(new byte[] { 5 }, restored.Users["quiet"].ToArray());
        Assert.Equal(4, restored.Users["busy"].Span[0]);
    }

    protected override Task<IWindowStateStore> CreateStoreAsync() => Task.FromResult<IWindowStateStore>(Store());

    /// <summary>The contract's topics exist before the store sizes their changelogs by them.</summary>
    protected override string NewTopic()
    {
        var topic = "interactions-" + Guid.NewGuid().ToString("N")[..12];
        _broker.Kafka.EnsureTopic(topic, partitions: 4);
        return topic;
    }

    private static UserStateChange Change(string user, params byte[] state) => new(user, state);

    private static string UniqueTopic() => "interactions-" + Guid.NewGuid().ToString("N")[..12];

    private ChangelogWindowStateStore Store(string topic, int partitions, ChangelogOptions? options = null)
    {
        _broker.Kafka.EnsureTopic(topic, partitions);
        return Store(options);
    }

    private ChangelogWindowStateStore Store(ChangelogOptions? options = null)
    {
        var store = new ChangelogWindowStateStore(new KafkaOptions(), options ?? new ChangelogOptions(), _broker.Kafka.BootstrapServers, Group, _broker.Kafka, TimeProvider.System, NullLogger.Instance);
        _stores.Add(store);
        return store;
    }

    private void ProduceRaw(string topic, byte[] key, byte[] value)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(KafkaClientConfigs.Producer(new KafkaOptions(), _broker.Kafka.BootstrapServers)).Build();
        producer.Produce(new TopicPartition(topic, 0), new Message<byte[], byte[]> { Key = key, Value = value });
        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(10)));
    }

    private List<string> ReadKeys(string topic)
    {
        var config = KafkaClientConfigs.Consumer(new KafkaOptions(), _broker.Kafka.BootstrapServers, "reader");
        config.EnablePartitionEof = true;
        using var consumer = new ConsumerBuilder<byte[], byte[]?>(config).Build();
        consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));
        var keys = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null)
            {
                continue;
            }

            if (result.IsPartitionEOF)
            {
                return keys;
            }

            keys.Add(System.Text.Encoding.UTF8.GetString(result.Message.Key));
        }

        throw new TimeoutException("the changelog was not read to its end");
    }

    public sealed class Broker : IDisposable
    {
        public EmbeddedKafka Kafka { get; } = EmbeddedKafka.Start(defaultPartitions: 1);

        public void Dispose() => Kafka.Dispose();
    }
}
