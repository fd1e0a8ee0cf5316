using System.Collections.Concurrent;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using RecoFunctions.Core.Windowing;
using RecoFunctions.Runtime.Kafka;

namespace RecoFunctions.Runtime.Windows;

/// <summary>
/// Window state on a compacted changelog topic, as Kafka Streams keeps a state store: changelog partition p holds the
/// state of the flow topic's partition p. A save writes the changed users, then the checkpoint, and returns once Kafka
/// acknowledged all of them (acks=all, idempotent producer, so in order); a load reads the partition back from its
/// start and keeps only what a checkpoint completed (<see cref="ChangelogReplay"/>). Each partition is loaded and saved
/// by one thread at a time; different partitions go side by side.
/// </summary>
internal sealed class ChangelogWindowStateStore : IWindowStateStore, IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly KafkaOptions _kafka;
    private readonly ChangelogOptions _options;
    private readonly string _bootstrapServers;
    private readonly string _groupId;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IProducer<byte[], byte[]?> _producer;
    private readonly ConcurrentDictionary<(string Topic, int Partition), ChangelogPartitionLog> _logs = new();

    public ChangelogWindowStateStore(KafkaOptions kafka, ChangelogOptions options, string bootstrapServers, string groupId, EmbeddedKafka? embedded, TimeProvider time, ILogger logger)
    {
        _kafka = kafka;
        _options = options;
        _bootstrapServers = bootstrapServers;
        _groupId = groupId;
        _time = time;
        _logger = logger;
        Topics = new ChangelogTopics(kafka, options, bootstrapServers, groupId, embedded, logger);
        var config = KafkaClientConfigs.Producer(kafka, bootstrapServers);
        config.MessageMaxBytes = Math.Max(config.MessageMaxBytes ?? 0, DeadLetterPublisher.MaxRecordBytes);
        _producer = new ProducerBuilder<byte[], byte[]?>(config)
            .SetLogHandler((_, message) => KafkaLog.Librdkafka(logger, message.Facility, message.Message))
            .Build();
    }

    public ChangelogTopics Topics { get; }

    /// <exception cref="ChangelogTopicException">The changelog lost records and holds no complete snapshot, or does not fit the flow's topic.</exception>
    /// <exception cref="TimeoutException">Reading the partition back took longer than <c>Changelog:RestoreTimeout</c>.</exception>
    public async Task<PartitionWindowState> LoadAsync(string topic, int partition, CancellationToken cancellationToken)
    {
        await Topics.EnsureAsync(topic, cancellationToken).ConfigureAwait(false);
        var started = _time.GetTimestamp();
        var changelog = new TopicPartition(Topics.NameOf(topic), new Partition(partition));
        var replay = await Task.Run(() => Read(changelog, cancellationToken), cancellationToken).ConfigureAwait(false);
        var name = $"{topic}[{partition}]";
        var state = replay.State ?? throw new ChangelogTopicException(
            $"Changelog {changelog.Topic} [{partition}] no longer starts at its beginning and holds no complete snapshot: the window state of {name} is lost. Raise Changelog:SnapshotAfterBytes' headroom (lower it) or use a compacted topic on a real Kafka.");
        if (replay.HasIncompleteTail)
        {
            WindowsLog.IncompleteSave(_logger, name);
        }

        _logs[(topic, partition)] = new ChangelogPartitionLog(state.Users, snapshotNext: replay.HasIncompleteTail)
        {
            BytesSinceSnapshot = replay.BytesSinceSnapshot,
        };
        WindowsLog.Restored(_logger, name, state.Users.Count, state.Checkpoint?.NextOffset, replay.Records, _time.GetElapsedTime(started));
        return state;
    }

    /// <summary>
    /// Writes the changed users and then the checkpoint. Hosts load a partition before saving it (as
    /// <see cref="InteractionPartition.OpenAsync"/> does, and again after a failed save): a snapshot needs every live user.
    /// </summary>
    /// <exception cref="InvalidOperationException">The partition was not loaded here since the store was created or since a save of it failed.</exception>
    public async Task SaveAsync(string topic, int partition, WindowStateChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (!_logs.TryRemove((topic, partition), out var log))
        {
            throw new InvalidOperationException($"The window state of {topic}[{partition}] is saved before it was loaded here.");
        }

        foreach (var change in changes.Users)
        {
            if (change.State is { } state)
            {
                log.Users[change.UserKey] = state;
            }
            else
            {
                log.Users.Remove(change.UserKey);
            }
        }

        var snapshot = log.SnapshotNext || log.BytesSinceSnapshot >= _options.SnapshotAfterBytes;
        var records = snapshot ? SnapshotRecords(log) : ChangeRecords(changes);
        records.Add(Record(ChangelogCodec.CheckpointKey, ChangelogCodec.EncodeCheckpoint(changes.Checkpoint)));
        var target = new TopicPartition(Topics.NameOf(topic), new Partition(partition));
        var acknowledged = new Task[records.Count];
        long bytes = 0;
        for (var i = 0; i < records.Count; i++)
        {
            bytes += records[i].Key.Length + (records[i].Value?.Length ?? 0);
            acknowledged[i] = _producer.ProduceAsync(target, records[i], cancellationToken);
        }

        // A failure leaves the partition unloaded: the host loads it again, which also tells the store where the log stands.
        await Task.WhenAll(acknowledged).ConfigureAwait(false);
        log.BytesSinceSnapshot = snapshot ? bytes : log.BytesSinceSnapshot + bytes;
        log.SnapshotNext = false;
        _logs[(topic, partition)] = log;
    }

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }

    private static List<Message<byte[], byte[]?>> ChangeRecords(WindowStateChanges changes)
    {
        var records = new List<Message<byte[], byte[]?>>(changes.Users.Count + 1);
        foreach (var change in changes.Users)
        {
            records.Add(Record(ChangelogCodec.UserKey(change.UserKey), change.State?.ToArray()));
        }

        return records;
    }

    private static List<Message<byte[], byte[]?>> SnapshotRecords(ChangelogPartitionLog log)
    {
        var records = new List<Message<byte[], byte[]?>>(log.Users.Count + 2) { Record(ChangelogCodec.SnapshotKey, ChangelogCodec.SnapshotValue) };
        foreach (var (user, state) in log.Users.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            records.Add(Record(ChangelogCodec.UserKey(user), state.ToArray()));
        }

        return records;
    }

    private static Message<byte[], byte[]?> Record(byte[] key, byte[]? value) => new() { Key = key, Value = value };

    private ChangelogReplay Read(TopicPartition changelog, CancellationToken cancellationToken)
    {
        var config = KafkaClientConfigs.Consumer(_kafka, _bootstrapServers, _groupId + "-restore");
        config.AutoOffsetReset = AutoOffsetReset.Earliest;
        config.EnablePartitionEof = true;
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config)
            .SetLogHandler((_, message) => KafkaLog.Librdkafka(_logger, message.Facility, message.Message))
            .Build();
        var watermarks = consumer.QueryWatermarkOffsets(changelog, _kafka.ConnectTimeout);
        var replay = new ChangelogReplay(completeLog: watermarks.Low.Value <= 0);
        if (watermarks.High.Value <= watermarks.Low.Value)
        {
            return replay;
        }

        var last = watermarks.High.Value - 1;
        var started = _time.GetTimestamp();
        consumer.Assign(new TopicPartitionOffset(changelog, watermarks.Low));
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_time.GetElapsedTime(started) > _options.RestoreTimeout)
            {
                throw new TimeoutException($"Reading changelog {changelog.Topic} [{changelog.Partition.Value}] back took longer than Changelog:RestoreTimeout ({_options.RestoreTimeout}).");
            }

            var result = consumer.Consume(PollInterval);
            if (result is null)
            {
                continue;
            }

            if (result.IsPartitionEOF)
            {
                if (result.Offset.Value > last)
                {
                    return replay;
                }

                continue;
            }

            replay.Apply(result.Message.Key ?? [], result.Message.Value);
            if (result.Offset.Value >= last)
            {
                return replay;
            }
        }
    }
}
