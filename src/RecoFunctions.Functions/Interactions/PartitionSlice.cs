using RecoFunctions.Core.Messaging;

namespace RecoFunctions.Functions.Interactions;

/// <summary>A trigger batch's records of one partition, in offset order (a batch may span partitions).</summary>
internal sealed record PartitionSlice(string Topic, int Partition, IReadOnlyList<KafkaMessage> Messages)
{
    public long FirstOffset => Messages[0].Offset;

    /// <summary>The offset after the slice's last record: what the partition's checkpoint moves to.</summary>
    public long NextOffset => Messages[^1].Offset + 1;

    public static IReadOnlyList<PartitionSlice> Of(IEnumerable<KafkaMessage> messages) =>
    [
        .. messages
            .GroupBy(message => (message.Topic, message.Partition))
            .OrderBy(group => group.Key.Topic, StringComparer.Ordinal)
            .ThenBy(group => group.Key.Partition)
            .Select(group => new PartitionSlice(
                group.Key.Topic,
                group.Key.Partition,
                [.. group.DistinctBy(message => message.Offset).OrderBy(message => message.Offset)])),
    ];
}
