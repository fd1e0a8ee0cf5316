using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RecoFunctions.Runtime.Hosting;
using RecoFunctions.Runtime.Kafka;
using RecoFunctions.Sandbox;
using Xunit.Abstractions;

namespace RecoFunctions.Runtime.Tests;

/// <summary>
/// An embedded Kafka, a sandbox on loopback and a provider with <c>AddRecoRuntime</c> over the shipped configuration,
/// with timings shortened for tests. Produces, reads topics back and reads committed offsets.
/// </summary>
internal sealed class RuntimeHarness : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly Dictionary<string, string?> TestSettings = new()
    {
        ["Kafka:SessionTimeout"] = "00:00:06",
        ["Kafka:FetchWaitMax"] = "00:00:00.010",
        ["Kafka:ConnectTimeout"] = "00:00:05",
        ["Runtime:CommitInterval"] = "00:00:00.200",
        ["Runtime:PendingRetryDelay"] = "00:00:00.100",
        ["Runtime:ShutdownTimeout"] = "00:00:30",
        ["Runtime:RebalanceTimeout"] = "00:00:05",
        ["Workflow:FirstDelay"] = "00:00:00.050",
        ["Workflow:MaxDelay"] = "00:00:00.300",
        ["Workflow:MaxAttemptsPerRun"] = "3",
        ["Resilience:Defaults:Retry:MaxAttempts"] = "1",
        ["Resilience:Defaults:Retry:BaseDelay"] = "00:00:00.010",
        ["Resilience:Defaults:CircuitBreaker:BreakDuration"] = "00:00:00.500",
    };

    private RuntimeHarness(EmbeddedKafka kafka, SandboxHost sandbox, ServiceProvider services)
    {
        Kafka = kafka;
        Sandbox = sandbox;
        Services = services;
    }

    public EmbeddedKafka Kafka { get; }

    public SandboxHost Sandbox { get; }

    public ServiceProvider Services { get; }

    public string BootstrapServers => Kafka.BootstrapServers;

    public static async Task<RuntimeHarness> StartAsync(
        ITestOutputHelper? output = null, IReadOnlyDictionary<string, string?>? settings = null, int partitions = 4, Action<IServiceCollection>? register = null)
    {
        var kafka = EmbeddedKafka.Start(partitions);
        SandboxHost? sandbox = null;
        try
        {
            sandbox = await SandboxHost.StartAsync(new SandboxOptions(), CancellationToken.None);
            var configuration = new ConfigurationBuilder()
                .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false, reloadOnChange: false)
                .AddInMemoryCollection(sandbox.ServiceConfiguration())
                .AddInMemoryCollection(TestSettings)
                .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
                .Build();
            var services = CommandServices.Build(configuration, (collection, config) =>
            {
                collection.AddRecoRuntime(config);
                register?.Invoke(collection);
                if (output is not null)
                {
                    collection.AddLogging(logging => logging.AddProvider(new TestOutputLoggerProvider(output)));
                }
            });
            return new RuntimeHarness(kafka, sandbox, services);
        }
        catch
        {
            if (sandbox is not null)
            {
                await sandbox.DisposeAsync();
            }

            kafka.Dispose();
            throw;
        }
    }

    public PipelineRuntime CreateRuntime(string group) => new(Services, BootstrapServers, group, Kafka);

    public RunningRuntime Start(string group) => RunningRuntime.Start(CreateRuntime(group));

    /// <summary>Produces every event (acks=all) and returns where each one landed, in the same order.</summary>
    public IReadOnlyList<TopicPartitionOffset> Produce(IEnumerable<TestEvent> events)
    {
        var list = events.ToList();
        foreach (var topic in list.Select(e => e.Topic).Distinct())
        {
            Kafka.EnsureTopic(topic);
        }

        var config = KafkaClientConfigs.Producer(new KafkaOptions(), BootstrapServers);
        config.MessageMaxBytes = 8 * 1024 * 1024;
        var results = new TopicPartitionOffset?[list.Count];
        var errors = new List<string>();
        using (var producer = new ProducerBuilder<string, byte[]>(config).Build())
        {
            for (var i = 0; i < list.Count; i++)
            {
                var index = i;
                producer.Produce(list[i].Topic, new Message<string, byte[]> { Key = list[i].Key, Value = list[i].Value }, report =>
                {
                    lock (errors)
                    {
                        if (report.Error.IsError)
                        {
                            errors.Add(report.Error.Reason);
                        }
                        else
                        {
                            results[index] = report.TopicPartitionOffset;
                        }
                    }
                });
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
        }

        Assert.Empty(errors);
        return [.. results.Select(result => result!)];
    }

    /// <summary>The group's committed offsets of every partition of <paramref name="topic"/> (-1001 where none).</summary>
    public Dictionary<int, long> Committed(string group, string topic)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(KafkaClientConfigs.Consumer(new KafkaOptions(), BootstrapServers, group)).Build();
        return consumer.Committed(PartitionsOf(topic), TimeSpan.FromSeconds(10))
            .ToDictionary(committed => committed.Partition.Value, committed => committed.Offset.Value);
    }

    /// <summary>The high watermark of every partition of <paramref name="topic"/>.</summary>
    public Dictionary<int, long> EndOffsets(string topic)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(KafkaClientConfigs.Consumer(new KafkaOptions(), BootstrapServers, "end-offsets")).Build();
        return PartitionsOf(topic).ToDictionary(
            partition => partition.Partition.Value,
            partition => consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High.Value);
    }

    /// <summary>Every record of <paramref name="topic"/> up to its current end.</summary>
    public List<ConsumeResult<byte[]?, byte[]?>> ReadAll(string topic)
    {
        var ends = EndOffsets(topic);
        var config = KafkaClientConfigs.Consumer(new KafkaOptions(), BootstrapServers, "reader-" + Guid.NewGuid().ToString("N"));
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        consumer.Assign(ends.Keys.Select(partition => new TopicPartitionOffset(topic, partition, Offset.Beginning)));
        var records = new List<ConsumeResult<byte[]?, byte[]?>>();
        var remaining = ends.Where(end => end.Value > 0).ToDictionary(end => end.Key, end => end.Value);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (remaining.Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"reading {topic}: {records.Count} records so far");
            var record = consumer.Consume(100);
            if (record is null || record.IsPartitionEOF)
            {
                continue;
            }

            records.Add(record);
            if (record.Offset.Value + 1 >= remaining.GetValueOrDefault(record.Partition.Value, long.MaxValue))
            {
                remaining.Remove(record.Partition.Value);
            }
        }

        return records;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Sandbox.DisposeAsync();
        Kafka.Dispose();
    }

    private List<TopicPartition> PartitionsOf(string topic)
    {
        using var admin = new AdminClientBuilder(KafkaClientConfigs.Admin(new KafkaOptions(), BootstrapServers)).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10));
        return [.. Assert.Single(metadata.Topics).Partitions.Select(partition => new TopicPartition(topic, partition.PartitionId))];
    }
}
