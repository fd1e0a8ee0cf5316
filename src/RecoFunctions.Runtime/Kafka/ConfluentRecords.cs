using Confluent.Kafka;
using RecoFunctions.Core.Messaging;

namespace RecoFunctions.Runtime.Kafka;

/// <summary>Converts between Confluent.Kafka's record types and Core's, so that Core's codecs serve this runtime too.</summary>
internal static class ConfluentRecords
{
    public static KafkaMessage ToMessage(ConsumeResult<byte[]?, byte[]?> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var message = record.Message;
        return KafkaMessages.FromRecord(
            record.Topic,
            record.Partition.Value,
            record.Offset.Value,
            message.Key,
            message.Value,
            message.Timestamp.Type == TimestampType.NotAvailable ? null : message.Timestamp.UnixTimestampMs,
            message.Headers?.Select(header => new KafkaHeader(header.Key, header.GetValueBytes())));
    }

    public static Headers ToHeaders(IEnumerable<KafkaHeader> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var converted = new Headers();
        foreach (var header in headers)
        {
            converted.Add(header.Key, header.Value);
        }

        return converted;
    }
}
