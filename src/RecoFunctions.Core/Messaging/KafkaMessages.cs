using System.Text;

namespace RecoFunctions.Core.Messaging;

/// <summary>Builds <see cref="KafkaMessage"/>s from the raw parts that hosts' client types expose.</summary>
public static class KafkaMessages
{
    private static readonly long MaxUnixMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>
    /// A message from a record's parts: key bytes are decoded as UTF-8 (keys are identifiers), a missing value becomes
    /// empty (intake dead-letters it), and a missing or negative timestamp (Kafka's "not available") becomes the Unix
    /// epoch, as does one beyond the calendar. Header values stay bytes.
    /// </summary>
    public static KafkaMessage FromRecord(
        string topic,
        int partition,
        long offset,
        byte[]? key,
        byte[]? value,
        long? timestampUnixMilliseconds,
        IEnumerable<KafkaHeader>? headers)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);

        var timestamp = timestampUnixMilliseconds is { } milliseconds && milliseconds > 0 && milliseconds <= MaxUnixMilliseconds
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : DateTimeOffset.UnixEpoch;
        return new KafkaMessage(
            topic,
            partition,
            offset,
            key is null ? null : Encoding.UTF8.GetString(key),
            [.. (headers ?? []).Where(header => header is not null)],
            timestamp,
            value ?? []);
    }
}
