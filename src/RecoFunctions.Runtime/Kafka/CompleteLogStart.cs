using Confluent.Kafka;

namespace RecoFunctions.Runtime.Kafka;

/// <summary>
/// Where a consumer starts when <see cref="KafkaOptions.RequireCompleteLog"/> is set: at its committed offset, and for a
/// partition its group never committed, at offset 0 rather than wherever the log starts now. With
/// <c>auto.offset.reset=error</c>, a start below the log's start then fails (<see cref="RecordsDroppedException"/>)
/// instead of skipping the records the broker dropped.
/// </summary>
internal static class CompleteLogStart
{
    private static readonly TimeSpan CommittedTimeout = TimeSpan.FromSeconds(10);

    /// <summary>For a partitions-assigned handler; <paramref name="config"/> asks for a complete log by <c>auto.offset.reset=error</c>.</summary>
    public static List<TopicPartitionOffset> Of<TKey, TValue>(IConsumer<TKey, TValue> consumer, List<TopicPartition> partitions, ConsumerConfig config)
    {
        if (config.AutoOffsetReset != AutoOffsetReset.Error || partitions.Count == 0)
        {
            return partitions.ConvertAll(partition => new TopicPartitionOffset(partition, Offset.Unset));
        }

        return consumer.Committed(partitions, CommittedTimeout)
            .ConvertAll(committed => new TopicPartitionOffset(committed.TopicPartition, committed.Offset.IsSpecial ? new Offset(0) : committed.Offset));
    }

    /// <summary>The consumer's error for a position no longer in the log, as the failure that names the partition.</summary>
    public static bool IsDropped(ConsumeException exception, out RecordsDroppedException dropped)
    {
        var record = exception.ConsumerRecord;
        if (exception.Error.Code != ErrorCode.Local_AutoOffsetReset || record is null)
        {
            dropped = null!;
            return false;
        }

        dropped = new RecordsDroppedException(record.Topic, record.Partition.Value, record.Offset.Value, exception.Error.Reason);
        return true;
    }

    /// <summary>A reader that starts at the beginning of <paramref name="partition"/>: fails if the log no longer starts at 0.</summary>
    public static void EnsureStartsAtZero(TopicPartition partition, WatermarkOffsets watermarks, KafkaOptions options)
    {
        if (options.RequireCompleteLog && watermarks.Low.Value > 0)
        {
            throw new RecordsDroppedException(partition.Topic, partition.Partition.Value, 0, $"the log starts at {watermarks.Low.Value}");
        }
    }
}
