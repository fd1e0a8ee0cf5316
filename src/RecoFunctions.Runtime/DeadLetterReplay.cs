using System.Text;
using Confluent.Kafka;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Flows;
using RecoFunctions.Runtime.Kafka;

namespace RecoFunctions.Runtime;

/// <summary>
/// Sends dead letters back to where they came from: reads a dead-letter topic from its beginning up to the end it had
/// when the replay started (without a consumer group: nothing is committed, so a replay can be repeated), keeps those
/// matching the filter, and produces their original key, value and headers to their original topic. Dead letters are
/// read with <see cref="DeadLetterCodec"/>, so either wire form, and the header form of earlier versions, replays.
/// Without a producer it only counts (a dry run).
/// </summary>
internal sealed class DeadLetterReplay(
    KafkaOptions options, string bootstrapServers, Func<string, Message<byte[]?, byte[]?>, bool>? produce, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Header on a replayed record: where it was replayed from, e.g. <c>oicms.content.v1.dlq/2@17</c>.</summary>
    public const string ReplayedFromHeader = "reco-replayed-from";

    private static readonly TimeSpan ConsumeTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>Replays the dead letters of <paramref name="flow"/> on <paramref name="partitions"/> of its dead-letter topic.</summary>
    public ReplayCounts Replay(FlowDefinition flow, IReadOnlyList<int> partitions, ReplayFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(filter);
        var config = KafkaClientConfigs.Consumer(options, bootstrapServers, "reco-replay-" + Guid.NewGuid().ToString("N"));
        config.EnablePartitionEof = true;
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).SetLogHandler((_, _) => { }).Build();

        // The end as of now: dead letters written while replaying (perhaps by the replayed messages) wait for the next replay.
        var ends = new Dictionary<int, long>();
        foreach (var partition in partitions)
        {
            var topicPartition = new TopicPartition(flow.DeadLetterTopic, partition);
            var watermarks = consumer.QueryWatermarkOffsets(topicPartition, options.ConnectTimeout);
            CompleteLogStart.EnsureStartsAtZero(topicPartition, watermarks, options);
            if (watermarks.High.Value > watermarks.Low.Value)
            {
                ends[partition] = watermarks.High.Value;
            }
        }

        var counts = new ReplayCounts(flow.DeadLetterTopic);
        if (ends.Count == 0)
        {
            return counts;
        }

        consumer.Assign(ends.Keys.Select(partition => new TopicPartitionOffset(flow.DeadLetterTopic, partition, Offset.Beginning)));
        var quietSince = _time.GetTimestamp();
        while (ends.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = consumer.Consume(ConsumeTimeout);
            if (record is null)
            {
                if (_time.GetElapsedTime(quietSince) > options.ConnectTimeout * 3)
                {
                    throw new KafkaException(new Error(ErrorCode.Local_TimedOut, $"{flow.DeadLetterTopic} stopped answering before its end"));
                }

                continue;
            }

            quietSince = _time.GetTimestamp();
            var partition = record.Partition.Value;
            if (!ends.TryGetValue(partition, out var end))
            {
                continue;
            }

            if (!record.IsPartitionEOF && record.Offset.Value < end)
            {
                Handle(flow, record, filter, counts);
            }

            if (record.IsPartitionEOF ? record.Offset.Value >= end : record.Offset.Value + 1 >= end)
            {
                ends.Remove(partition);
            }
        }

        return counts;
    }

    private void Handle(FlowDefinition flow, ConsumeResult<byte[]?, byte[]?> record, ReplayFilter filter, ReplayCounts counts)
    {
        counts.Scanned++;
        if (!DeadLetterCodec.TryDecode(ConfluentRecords.ToMessage(record), out var deadLetter))
        {
            counts.Unreadable++;
            return;
        }

        if (!filter.Matches(deadLetter.Failure))
        {
            return;
        }

        counts.Matched++;
        if (deadLetter.Redaction != DeadLetterRedaction.None)
        {
            // Republished, a pseudonym would be pseudonymised again: the original is at its source topic and offset.
            counts.Redacted++;
            return;
        }

        if (deadLetter.ValueOmitted)
        {
            counts.WithoutValue++;
            return;
        }

        var target = deadLetter.OriginalTopic is { Length: > 0 } original ? original : flow.Topic;
        counts.Targets.Add(target);
        if (produce is null)
        {
            return;
        }

        var replayed = ConfluentRecords.ToHeaders(deadLetter.OriginalHeaders.Where(header => header.Key != ReplayedFromHeader));
        replayed.Add(ReplayedFromHeader, Encoding.UTF8.GetBytes($"{record.Topic}/{record.Partition.Value}@{record.Offset.Value}"));

        // The header form keeps the original key bytes as they were; the envelope form has the key as text only.
        var key = record.Message.Key ?? (deadLetter.Key is { } text ? Encoding.UTF8.GetBytes(text) : null);
        var message = new Message<byte[]?, byte[]?> { Key = key, Value = deadLetter.Value.ToArray(), Headers = replayed };
        if (produce(target, message))
        {
            counts.Republished++;
        }
    }
}
