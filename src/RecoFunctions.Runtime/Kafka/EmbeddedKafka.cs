using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Confluent.Kafka;

namespace RecoFunctions.Runtime.Kafka;

/// <summary>
/// An in-process Kafka cluster (librdkafka's mock cluster) reached over the real Kafka protocol on 127.0.0.1.
/// It lives as long as this object; other processes can use it meanwhile. It keeps only the last 5 MiB per partition,
/// so topics are created with enough partitions for a backlog to fit.
/// </summary>
public sealed partial class EmbeddedKafka : IDisposable
{
    private static readonly ConcurrentDictionary<string, EmbeddedKafka> InProcess = new(StringComparer.Ordinal);
    private readonly IAdminClient _owner;
    private readonly IntPtr _cluster;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _topics = new(StringComparer.Ordinal);

    private EmbeddedKafka(IAdminClient owner, string bootstrapServers, int defaultPartitions)
    {
        _owner = owner;
        BootstrapServers = bootstrapServers;
        DefaultPartitions = defaultPartitions;
        _cluster = MockClusterNative.MockClusterOf(owner.Handle);

        // A new consumer group would otherwise wait 3 s before its first assignment.
        MockClusterNative.SetInitialRebalanceDelay(_cluster, TimeSpan.Zero);
        InProcess[bootstrapServers] = this;
    }

    public string BootstrapServers { get; }

    public int DefaultPartitions { get; }

    public static EmbeddedKafka Start(int defaultPartitions = 8)
    {
        LibrdkafkaLoader.EnsureInstalled();
        string? fromLog = null;
        var config = new AdminClientConfig { BootstrapServers = "embedded:9092" };
        config.Set("test.mock.num.brokers", "1");
        var owner = new AdminClientBuilder(config)
            .SetLogHandler((_, message) =>
            {
                var match = ReplacedWith().Match(message.Message);
                if (message.Facility == "MOCK" && match.Success)
                {
                    fromLog = match.Groups[1].Value;
                }
            })
            .Build();

        try
        {
            var bootstrap = fromLog ?? string.Join(
                ",",
                owner.GetMetadata(TimeSpan.FromSeconds(10)).Brokers.Select(broker => $"{broker.Host}:{broker.Port}"));
            return new EmbeddedKafka(owner, bootstrap, defaultPartitions);
        }
        catch
        {
            owner.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The embedded cluster this process runs at <paramref name="bootstrapServers"/>, if any: only its owner can create
    /// topics with a chosen partition count (the mock cluster does not answer CreateTopics).
    /// </summary>
    public static EmbeddedKafka? InThisProcess(string bootstrapServers) => InProcess.GetValueOrDefault(bootstrapServers);

    /// <summary>Creates the topic unless this cluster already has it. Idempotent.</summary>
    public void EnsureTopic(string topic, int? partitions = null)
    {
        lock (_gate)
        {
            if (!_topics.Add(topic))
            {
                return;
            }

            try
            {
                MockClusterNative.CreateTopic(_cluster, topic, partitions ?? DefaultPartitions);
            }
            catch (KafkaException exception) when (exception.Error.Code == ErrorCode.TopicAlreadyExists)
            {
                // Auto-created by a producer first: keep it as it is.
            }
        }
    }

    public void Dispose()
    {
        InProcess.TryRemove(new KeyValuePair<string, EmbeddedKafka>(BootstrapServers, this));
        _owner.Dispose();
    }

    [GeneratedRegex(@"replaced with (\S+)")]
    private static partial Regex ReplacedWith();
}
