using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using RecoFunctions.Core.Messaging;

namespace RecoFunctions.Core.DeadLetters;

/// <summary>
/// A message on its way to (or read back from) a dead-letter topic: why and where it failed, where it came from, and the
/// original key, headers and value. Two wire forms exist and <see cref="TryRead"/> reads both:
/// <list type="bullet">
/// <item><b>header form</b> (producers that set keys and headers: the self-hosted runtime, the Functions dead-letter
/// activity): the original key and value, the original headers plus the <see cref="DeadLetterHeaders"/>;</item>
/// <item><b>envelope form</b> (the Functions Kafka output binding, which cannot set keys or headers): a JSON document
/// (<see cref="DeadLetterEnvelope"/>) carrying everything, see <see cref="ToEnvelopeJson"/>.</item>
/// </list>
/// </summary>
public sealed record DeadLetterRecord(
    string Reason,
    string Stage,
    string OriginalTopic,
    int OriginalPartition,
    long OriginalOffset,
    string? Key,
    DateTimeOffset OriginalTimestamp,
    DateTimeOffset DeadLetteredAt,
    ReadOnlyMemory<byte> Value,
    IReadOnlyList<KafkaHeader> OriginalHeaders)
{
    /// <summary>Largest envelope <see cref="ToEnvelopeJson"/> produces by default: below the output binding's 1,000,000-byte message limit.</summary>
    public const int DefaultMaxEnvelopeBytes = 900_000;

    /// <summary>True when the value was too large for an envelope and left out; the original is still at <see cref="OriginalId"/>.</summary>
    public bool ValueOmitted { get; init; }

    public MessageId OriginalId => new(OriginalTopic, OriginalPartition, OriginalOffset);

    /// <summary>The dead letter of <paramref name="original"/>, which failed at <paramref name="stage"/> for <paramref name="reason"/>.</summary>
    public static DeadLetterRecord From(KafkaMessage original, string stage, string reason, DateTimeOffset deadLetteredAt)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentException.ThrowIfNullOrEmpty(stage);
        ArgumentNullException.ThrowIfNull(reason);
        return new DeadLetterRecord(
            reason,
            stage,
            original.Topic,
            original.Partition,
            original.Offset,
            original.Key,
            original.Timestamp,
            deadLetteredAt,
            original.Value,
            [.. (original.Headers ?? []).Where(header => !IsDeadLetterHeader(header.Key))]);
    }

    /// <summary>Headers of the header form: the original headers followed by the dead-letter headers (UTF-8 values).</summary>
    public IReadOnlyList<KafkaHeader> ToHeaders()
    {
        var headers = new List<KafkaHeader>(OriginalHeaders.Count + 7);
        headers.AddRange(OriginalHeaders.Where(header => !IsDeadLetterHeader(header.Key)));
        headers.Add(Utf8(DeadLetterHeaders.Reason, Reason));
        headers.Add(Utf8(DeadLetterHeaders.Stage, Stage));
        headers.Add(Utf8(DeadLetterHeaders.OriginalTopic, OriginalTopic));
        headers.Add(Utf8(DeadLetterHeaders.OriginalPartition, OriginalPartition.ToString(CultureInfo.InvariantCulture)));
        headers.Add(Utf8(DeadLetterHeaders.OriginalOffset, OriginalOffset.ToString(CultureInfo.InvariantCulture)));
        headers.Add(Utf8(DeadLetterHeaders.OriginalTimestamp, OriginalTimestamp.ToString("O", CultureInfo.InvariantCulture)));
        headers.Add(Utf8(DeadLetterHeaders.DeadLetteredAt, DeadLetteredAt.ToString("O", CultureInfo.InvariantCulture)));
        return headers;
    }

    /// <summary>
    /// The envelope form as a JSON string. The value is embedded as text when it is valid UTF-8, as base64 otherwise;
    /// if the envelope would exceed <paramref name="maxBytes"/> (UTF-8), the value is left out and
    /// <c>original.valueOmitted</c> is set, so the dead letter is never lost to a size limit.
    /// </summary>
    public string ToEnvelopeJson(int maxBytes = DefaultMaxEnvelopeBytes) => DeadLetterEnvelope.Write(this, maxBytes);

    /// <summary>
    /// Reads a record of a dead-letter topic in either form. The header form wins when the record carries the
    /// dead-letter headers; otherwise the value must be a dead-letter envelope. False for anything else.
    /// </summary>
    public static bool TryRead(KafkaMessage deadLetter, [NotNullWhen(true)] out DeadLetterRecord? record)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        record = TryReadHeaderForm(deadLetter) ?? DeadLetterEnvelope.TryRead(deadLetter.Value.Span);
        return record is not null;
    }

    internal static bool IsDeadLetterHeader(string? key) =>
        key is not null && key.StartsWith(DeadLetterHeaders.Prefix, StringComparison.Ordinal);

    private static DeadLetterRecord? TryReadHeaderForm(KafkaMessage message)
    {
        var headers = message.Headers ?? [];
        var topic = Last(headers, DeadLetterHeaders.OriginalTopic);
        if (topic is null
            || !int.TryParse(Last(headers, DeadLetterHeaders.OriginalPartition), NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
            || !long.TryParse(Last(headers, DeadLetterHeaders.OriginalOffset), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            return null;
        }

        return new DeadLetterRecord(
            Last(headers, DeadLetterHeaders.Reason) ?? string.Empty,
            Last(headers, DeadLetterHeaders.Stage) ?? string.Empty,
            topic,
            partition,
            offset,
            message.Key,
            ParseTime(Last(headers, DeadLetterHeaders.OriginalTimestamp)) ?? message.Timestamp,
            ParseTime(Last(headers, DeadLetterHeaders.DeadLetteredAt)) ?? message.Timestamp,
            message.Value,
            [.. headers.Where(header => !IsDeadLetterHeader(header.Key))])
        {
            ValueOmitted = Last(headers, DeadLetterHeaders.ValueOmitted) is not null,
        };
    }

    private static string? Last(IReadOnlyList<KafkaHeader> headers, string key)
    {
        for (var index = headers.Count - 1; index >= 0; index--)
        {
            if (string.Equals(headers[index].Key, key, StringComparison.Ordinal))
            {
                return headers[index].Value is { } value ? Encoding.UTF8.GetString(value) : null;
            }
        }

        return null;
    }

    private static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    private static KafkaHeader Utf8(string key, string value) => new(key, Encoding.UTF8.GetBytes(value));
}
