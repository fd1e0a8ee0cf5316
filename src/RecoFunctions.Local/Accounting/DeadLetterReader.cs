using System.Text.Json;
using Confluent.Kafka;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Runtime.Kafka;

namespace RecoFunctions.Local.Accounting;

/// <summary>
/// Reads dead-letter topics from their beginning up to the end offsets they had when reading started, without a
/// consumer group (nothing is committed, nobody else's offsets move), and decodes them with <see cref="DeadLetterCodec"/>.
/// A topic that does not exist has no dead letters; records that are no dead letter in either wire form are skipped.
/// </summary>
public sealed class DeadLetterReader(string bootstrapServers, KafkaOptions? options = null, TimeProvider? timeProvider = null)
{
    private const int MaxParsedValueBytes = 64 * 1024;

    private readonly KafkaOptions _options = options ?? new KafkaOptions();
    private readonly TimeProvider _timeProvider = timeProvider ?? TimeProvider.System;

    /// <summary>Gives up when the topics cannot be read to their ends within this time.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <exception cref="TimeoutException">The topics could not be read to their end offsets in time.</exception>
    /// <exception cref="KafkaException">The cluster could not be reached.</exception>
    public Task<IReadOnlyList<DeadLetterRecord>> ReadAsync(IEnumerable<string> topics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var wanted = topics.Distinct(StringComparer.Ordinal).ToList();
        return Task.Run(() => Read(wanted, cancellationToken), CancellationToken.None);
    }

    private IReadOnlyList<DeadLetterRecord> Read(List<string> topics, CancellationToken cancellationToken)
    {
        LibrdkafkaLoader.EnsureInstalled();
        var records = new List<DeadLetterRecord>();
        var partitions = Partitions(topics);
        if (partitions.Count == 0)
        {
            return records;
        }

        var config = KafkaClientConfigs.Consumer(_options, bootstrapServers, groupId: "reco-audit");
        config.ClientId = _options.ClientId + "-audit";
        config.EnableAutoCommit = false;
        config.FetchWaitMaxMs = Math.Min(config.FetchWaitMaxMs ?? 10, 100);
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).SetLogHandler(static (_, _) => { }).Build();

        // End offsets first: on a consumer that is already fetching, the query waits behind the fetches.
        var ends = new Dictionary<TopicPartition, long>();
        foreach (var partition in partitions)
        {
            var marks = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10));
            CompleteLogStart.EnsureStartsAtZero(partition, marks, _options);
            if (marks.High.Value > marks.Low.Value)
            {
                ends[partition] = marks.High.Value;
            }
        }

        if (ends.Count == 0)
        {
            return records;
        }

        consumer.Assign(ends.Keys.Select(partition => new TopicPartitionOffset(partition, Offset.Beginning)));
        var started = _timeProvider.GetTimestamp();
        while (ends.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_timeProvider.GetElapsedTime(started) > Timeout)
            {
                throw new TimeoutException($"Reading the dead-letter topics did not reach their end offsets within {Timeout.TotalSeconds:0} s " +
                    $"(still reading {string.Join(", ", ends.Keys)}).");
            }

            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null || result.IsPartitionEOF)
            {
                continue;
            }

            if (DeadLetterCodec.TryDecode(ConfluentRecords.ToMessage(result), out var record))
            {
                records.Add(record);
            }

            if (ends.TryGetValue(result.TopicPartition, out var end) && result.Offset.Value + 1 >= end)
            {
                ends.Remove(result.TopicPartition);
            }
        }

        consumer.Close();
        return records;
    }

    private List<TopicPartition> Partitions(List<string> topics)
    {
        using var admin = new AdminClientBuilder(KafkaClientConfigs.Admin(_options, bootstrapServers)).SetLogHandler(static (_, _) => { }).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        return
        [
            .. metadata.Topics
                .Where(topic => topics.Contains(topic.Topic, StringComparer.Ordinal) && !topic.Error.IsError)
                .SelectMany(topic => topic.Partitions.Select(partition => new TopicPartition(topic.Topic, partition.PartitionId))),
        ];
    }

    /// <summary>The <c>version</c> of the event's entity (<c>{"content":{"version":7}}</c>), when the value is such an event.</summary>
    internal static long? VersionOf(ReadOnlyMemory<byte> value)
    {
        if (value.Length == 0 || value.Length > MaxParsedValueBytes)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(value);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Object &&
                    property.Value.TryGetProperty("version"u8, out var version) &&
                    version.ValueKind == JsonValueKind.Number &&
                    version.TryGetInt64(out var number))
                {
                    return number;
                }
            }
        }
        catch (JsonException)
        {
            // Not an event: no version to report.
        }

        return null;
    }
}
