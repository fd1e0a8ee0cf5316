using Microsoft.Azure.Functions.Worker;
using RecoFunctions.Core.Messaging;
using CoreKafkaHeader = RecoFunctions.Core.Messaging.KafkaHeader;

namespace RecoFunctions.Functions.Triggers;

/// <summary>The binding's <see cref="KafkaRecord"/> as the pipeline's <see cref="KafkaMessage"/> (mapping rules in <see cref="KafkaMessages"/>).</summary>
internal static class KafkaRecordMapper
{
    /// <summary>The batch's records as messages, in order; a null batch or record (the binding may give either) is skipped.</summary>
    public static List<KafkaMessage> ToMessages(KafkaRecord[]? records) =>
        (records ?? []).Where(record => record is not null).Select(ToMessage).ToList();

    public static KafkaMessage ToMessage(KafkaRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return KafkaMessages.FromRecord(
            record.Topic,
            record.Partition,
            record.Offset,
            record.Key,
            record.Value,
            record.Timestamp?.UnixTimestampMs,
            record.Headers?.Where(header => header?.Key is not null).Select(header => new CoreKafkaHeader(header.Key, header.Value)));
    }
}
