using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using RecoFunctions.Core.Messaging;

namespace RecoFunctions.Core.DeadLetters;

/// <summary>
/// The one codec of dead letters, used by every writer and reader (both runtimes, <c>reco replay</c>, <c>reco audit</c>).
/// Two wire forms exist and <see cref="TryDecode"/> reads both:
/// <list type="bullet">
/// <item><b>header form</b> (producers that set keys and headers: the self-hosted runtime, the Functions dead-letter
/// activity): the original key and value, the original headers plus the <see cref="DeadLetterHeaders"/>
/// (<see cref="ToHeaders"/>). Dead letters written before the typed failure headers existed (reason and stage as text
/// only, perhaps without the original timestamp) still decode, with <see cref="DeadLetterFailure.Label"/>
/// <see cref="DeadLetterFailure.Unclassified"/>;</item>
/// <item><b>envelope form</b> (the Functions Kafka output binding, which cannot set keys or headers): a JSON document
/// carrying everything (<see cref="ToEnvelopeJson"/>).</item>
/// </list>
/// </summary>
public static class DeadLetterCodec
{
    /// <summary>Longest <see cref="DeadLetterFailure.Detail"/> written; longer ones are cut and end with an ellipsis.</summary>
    public const int MaxDetailLength = 2000;

    private const string True = "true";

    /// <summary>Headers of the header form: the original headers (minus earlier dead-letter headers) followed by the dead-letter headers, UTF-8.</summary>
    public static IReadOnlyList<KafkaHeader> ToHeaders(DeadLetterRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var failure = record.Failure;
        var headers = new List<KafkaHeader>(record.OriginalHeaders.Count + 11);
        headers.AddRange(record.OriginalHeaders.Where(header => !DeadLetterHeaders.IsDeadLetterHeader(header.Key)));
        headers.Add(Utf8(DeadLetterHeaders.Reason, Cut(failure.Detail)));
        headers.Add(Utf8(DeadLetterHeaders.Stage, failure.StageName));
        if (failure.Source is { Length: > 0 } source)
        {
            headers.Add(Utf8(DeadLetterHeaders.Source, source));
        }

        if (failure.Status is { } status)
        {
            headers.Add(Utf8(DeadLetterHeaders.Status, status.ToString(CultureInfo.InvariantCulture)));
        }

        if (failure.IsTransient)
        {
            headers.Add(Utf8(DeadLetterHeaders.Transient, True));
        }

        headers.Add(Utf8(DeadLetterHeaders.OriginalTopic, record.OriginalTopic));
        headers.Add(Utf8(DeadLetterHeaders.OriginalPartition, record.OriginalPartition.ToString(CultureInfo.InvariantCulture)));
        headers.Add(Utf8(DeadLetterHeaders.OriginalOffset, record.OriginalOffset.ToString(CultureInfo.InvariantCulture)));
        headers.Add(Utf8(DeadLetterHeaders.OriginalTimestamp, record.OriginalTimestamp.ToString("O", CultureInfo.InvariantCulture)));
        headers.Add(Utf8(DeadLetterHeaders.DeadLetteredAt, record.DeadLetteredAt.ToString("O", CultureInfo.InvariantCulture)));
        if (record.ValueOmitted)
        {
            headers.Add(Utf8(DeadLetterHeaders.ValueOmitted, record.OmittedValueBytes.ToString(CultureInfo.InvariantCulture)));
        }

        if (DeadLetterRedactions.Name(record.Redaction) is { } redaction)
        {
            headers.Add(Utf8(DeadLetterHeaders.Redaction, redaction));
        }

        return headers;
    }

    /// <summary>
    /// The envelope form as a JSON string. The value is embedded as text when it is valid UTF-8, as base64 otherwise;
    /// if the envelope would exceed <paramref name="maxBytes"/> (UTF-8), the value is left out and
    /// <c>original.valueOmitted</c> is set, so the dead letter is never lost to a size limit.
    /// </summary>
    public static string ToEnvelopeJson(DeadLetterRecord record, int maxBytes = DeadLetterRecord.DefaultMaxEnvelopeBytes)
    {
        ArgumentNullException.ThrowIfNull(record);
        return DeadLetterEnvelope.Write(record, maxBytes);
    }

    /// <summary>
    /// Reads a record of a dead-letter topic in either form. The header form wins when the record carries the
    /// dead-letter headers; otherwise the value must be a dead-letter envelope. False for anything else.
    /// </summary>
    public static bool TryDecode(KafkaMessage deadLetter, [NotNullWhen(true)] out DeadLetterRecord? record)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        record = TryDecodeHeaders(deadLetter) ?? DeadLetterEnvelope.TryRead(deadLetter.Value.Span);
        return record is not null;
    }

    /// <summary>The failure named by reason and stage text plus, where present, the typed headers.</summary>
    internal static DeadLetterFailure Failure(string? reason, string? stageName, string? source, string? status, string? transient)
    {
        var stage = DeadLetterStages.FromName(stageName);
        return new DeadLetterFailure(stage, reason ?? string.Empty)
        {
            Source = string.IsNullOrEmpty(source) ? null : source,
            Status = int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : null,

            // Before the transient header existed only the workflow dead-lettered for transient causes.
            IsTransient = string.Equals(transient, True, StringComparison.Ordinal) || (source is null && stage == DeadLetterStage.Workflow),
        };
    }

    internal static string Cut(string text) => text.Length <= MaxDetailLength ? text : text[..MaxDetailLength] + "…";

    private static DeadLetterRecord? TryDecodeHeaders(KafkaMessage message)
    {
        var headers = message.Headers ?? [];
        var topic = Last(headers, DeadLetterHeaders.OriginalTopic);
        if (topic is null
            || !int.TryParse(Last(headers, DeadLetterHeaders.OriginalPartition), NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
            || !long.TryParse(Last(headers, DeadLetterHeaders.OriginalOffset), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            return null;
        }

        var omitted = Last(headers, DeadLetterHeaders.ValueOmitted);
        var failure = Failure(
            Last(headers, DeadLetterHeaders.Reason),
            Last(headers, DeadLetterHeaders.Stage),
            Last(headers, DeadLetterHeaders.Source),
            Last(headers, DeadLetterHeaders.Status),
            Last(headers, DeadLetterHeaders.Transient));
        return new DeadLetterRecord(
            failure,
            topic,
            partition,
            offset,
            message.Key,
            ParseTime(Last(headers, DeadLetterHeaders.OriginalTimestamp)) ?? message.Timestamp,
            ParseTime(Last(headers, DeadLetterHeaders.DeadLetteredAt)) ?? message.Timestamp,
            message.Value,
            [.. headers.Where(header => !DeadLetterHeaders.IsDeadLetterHeader(header.Key))])
        {
            ValueOmitted = omitted is not null,
            OmittedValueBytes = long.TryParse(omitted, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) ? bytes : 0,
            Redaction = DeadLetterRedactions.FromName(Last(headers, DeadLetterHeaders.Redaction)),
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
