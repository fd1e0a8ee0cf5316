using System.Collections.Concurrent;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;
using RecoFunctions.Runtime.Kafka;

namespace RecoFunctions.Runtime.Windows;

/// <summary>
/// Creates or checks the changelog topic of a windowed flow's topic: as many partitions as the flow's topic (changelog
/// partition p holds the state of source partition p), compacted. The embedded Kafka does not answer CreateTopics, so
/// there the topic is created through the mock cluster, like the flows' own topics. Each topic is checked once.
/// </summary>
internal sealed class ChangelogTopics(KafkaOptions kafka, ChangelogOptions options, string bootstrapServers, string groupId, EmbeddedKafka? embedded, ILogger logger)
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> _ensured = new(StringComparer.Ordinal);

    public static string NameOf(string groupId, string sourceTopic) => $"{groupId}-{sourceTopic}-windows-changelog";

    public string NameOf(string sourceTopic) => NameOf(groupId, sourceTopic);

    /// <summary>Makes sure the changelog of <paramref name="sourceTopic"/> exists and fits it; a failed check is tried again next time.</summary>
    /// <exception cref="ChangelogTopicException">The changelog exists with a partition count other than the flow topic's, or the flow topic is missing.</exception>
    public async Task EnsureAsync(string sourceTopic, CancellationToken cancellationToken)
    {
        var ensured = _ensured.GetOrAdd(sourceTopic, topic => new Lazy<Task>(() => Task.Run(() => EnsureOnceAsync(topic), CancellationToken.None)));
        try
        {
            await ensured.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _ensured.TryRemove(new KeyValuePair<string, Lazy<Task>>(sourceTopic, ensured));
            throw;
        }
    }

    private async Task EnsureOnceAsync(string sourceTopic)
    {
        var name = NameOf(sourceTopic);
        using var admin = new AdminClientBuilder(KafkaClientConfigs.Admin(kafka, bootstrapServers))
            .SetLogHandler((_, message) => KafkaLog.Librdkafka(logger, message.Facility, message.Message))
            .Build();
        var metadata = admin.GetMetadata(kafka.ConnectTimeout);
        var sourcePartitions = BrokerProbe.PartitionsOf(metadata, sourceTopic)?.Count
            ?? throw new ChangelogTopicException($"Topic {sourceTopic} does not exist on {bootstrapServers}, so its changelog {name} cannot be sized.");
        var existing = BrokerProbe.PartitionsOf(metadata, name)?.Count;
        if (existing is null)
        {
            await CreateAsync(admin, name, sourcePartitions).ConfigureAwait(false);
            existing = BrokerProbe.PartitionsOf(admin.GetMetadata(kafka.ConnectTimeout), name)?.Count ?? sourcePartitions;
        }
        else if (embedded is null)
        {
            // Advice only, so it does not hold up the start; an embedded Kafka of another process never answers it.
            _ = Task.Run(() => WarnUnlessCompactedAsync(name), CancellationToken.None);
        }

        if (existing != sourcePartitions)
        {
            throw new ChangelogTopicException(
                $"Changelog topic {name} has {existing} partitions but {sourceTopic} has {sourcePartitions}: each partition's window state lives in the changelog partition of the same number. Delete {name} (the state is rebuilt from {sourceTopic} only if it still holds every record) or give it {sourcePartitions} partitions.");
        }
    }

    private async Task CreateAsync(IAdminClient admin, string name, int partitions)
    {
        if (embedded is not null)
        {
            embedded.EnsureTopic(name, partitions);
            WindowsLog.ChangelogCreated(logger, name, partitions);
            return;
        }

        try
        {
            await admin.CreateTopicsAsync(
                [
                    new TopicSpecification
                    {
                        Name = name,
                        NumPartitions = partitions,
                        ReplicationFactor = options.ReplicationFactor,
                        Configs = new Dictionary<string, string>(StringComparer.Ordinal) { ["cleanup.policy"] = "compact" },
                    },
                ],
                new CreateTopicsOptions { RequestTimeout = kafka.ConnectTimeout, OperationTimeout = kafka.ConnectTimeout }).ConfigureAwait(false);
            WindowsLog.ChangelogCreated(logger, name, partitions);
        }
        catch (CreateTopicsException exception) when (exception.Results.TrueForAll(result => result.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // Another instance of the group created it first.
        }
        catch (KafkaException exception)
        {
            // An embedded Kafka of another process (reco broker) does not answer CreateTopics: only its owner creates topics.
            throw new ChangelogTopicException(
                $"Changelog topic {name} does not exist on {bootstrapServers} and could not be created ({exception.Error.Reason}). Create it with {partitions} partitions and cleanup.policy=compact; with 'reco broker', start it with '--group {groupId}'.",
                exception);
        }
    }

    private async Task WarnUnlessCompactedAsync(string name)
    {
        try
        {
            using var admin = new AdminClientBuilder(KafkaClientConfigs.Admin(kafka, bootstrapServers))
                .SetLogHandler((_, message) => KafkaLog.Librdkafka(logger, message.Facility, message.Message))
                .Build();
            var results = await admin.DescribeConfigsAsync(
                [new ConfigResource { Type = ResourceType.Topic, Name = name }],
                new DescribeConfigsOptions { RequestTimeout = kafka.ConnectTimeout }).ConfigureAwait(false);
            var policy = results.Count > 0 && results[0].Entries.TryGetValue("cleanup.policy", out var entry) ? entry.Value : null;
            if (policy is not null && !policy.Contains("compact", StringComparison.OrdinalIgnoreCase))
            {
                WindowsLog.ChangelogNotCompacted(logger, name, policy);
            }
        }
        catch (KafkaException exception)
        {
            WindowsLog.ChangelogPolicyUnknown(logger, name, exception.Error.Reason);
        }
    }
}
