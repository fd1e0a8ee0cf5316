using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using RecoFunctions.Core.Messaging;

namespace RecoFunctions.Core.DeadLetters;

/// <summary>
/// The envelope form of a dead letter, for producers that cannot set keys or headers:
/// <code>
/// { "schema": "reco.dead-letter.v1", "reason": "validate: maxLength at $.content.title", "stage": "validate",
///   "source": "maxLength", "status": 404, "transient": true, "deadLetteredAt": "2026-11-21T10:00:01+00:00",
///   "original": { "topic": "oicms.content.v1", "partition": 3, "offset": 42, "key": "art-1",
///                 "timestamp": "2026-11-21T10:00:00+00:00", "headers": [ { "key": "h", "value": "base64" } ],
///                 "valueLength": 321, "value": "{...}" } }
/// </code>
/// <c>original.value</c> holds a UTF-8 value as text, <c>original.valueBase64</c> any other value; neither is present
/// when <c>original.valueOmitted</c> is true. The top level deliberately has none of the member names
/// (<c>Offset</c>, <c>Partition</c>, <c>Topic</c>, <c>Timestamp</c>, <c>Value</c>, <c>Headers</c>) that make the
/// Functions Kafka output binding treat a string as an event rather than as the value.
/// </summary>
internal sealed class DeadLetterEnvelope
{
    public const string SchemaName = "reco.dead-letter.v1";

    public string Schema { get; set; } = SchemaName;

    public string Reason { get; set; } = string.Empty;

    public string Stage { get; set; } = string.Empty;

    /// <summary>The rule or service that failed the message; absent on envelopes of older versions.</summary>
    public string? Source { get; set; }

    public int? Status { get; set; }

    /// <summary>True when the cause could have passed with time; left out when false.</summary>
    public bool? Transient { get; set; }

    public DateTimeOffset DeadLetteredAt { get; set; }

    /// <summary><c>pseudonymised</c> or <c>withheld</c> when personal data was redacted; absent otherwise.</summary>
    public string? Redaction { get; set; }

    public DeadLetterEnvelopeOriginal Original { get; set; } = new();

    internal static string Write(DeadLetterRecord record, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1024);
        var envelope = FromRecord(record, includeValue: true);
        var json = JsonSerializer.Serialize(envelope, DeadLetterJsonContext.Envelope.DeadLetterEnvelope);
        if (Encoding.UTF8.GetByteCount(json) <= maxBytes)
        {
            return json;
        }

        envelope = FromRecord(record, includeValue: false);
        json = JsonSerializer.Serialize(envelope, DeadLetterJsonContext.Envelope.DeadLetterEnvelope);
        if (Encoding.UTF8.GetByteCount(json) <= maxBytes)
        {
            return json;
        }

        // Only oversized headers (or reason) can get here: keep the coordinates, which are what replay needs.
        envelope.Original.Headers = [];
        envelope.Reason = Truncate(envelope.Reason, 1024);
        return JsonSerializer.Serialize(envelope, DeadLetterJsonContext.Envelope.DeadLetterEnvelope);
    }

    internal static DeadLetterRecord? TryRead(ReadOnlySpan<byte> json)
    {
        DeadLetterEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(json, DeadLetterJsonContext.Envelope.DeadLetterEnvelope);
        }
        catch (JsonException)
        {
            return null;
        }

        if (envelope is not { Schema: SchemaName, Original: { Topic: { Length: > 0 } topic } original })
        {
            return null;
        }

        byte[] value;
        try
        {
            value = original.ValueBase64 is { } base64 ? Convert.FromBase64String(base64)
                : original.Value is { } text ? Encoding.UTF8.GetBytes(text)
                : [];
        }
        catch (FormatException)
        {
            return null;
        }

        var failure = DeadLetterCodec.Failure(
            envelope.Reason,
            envelope.Stage,
            envelope.Source,
            envelope.Status?.ToString(CultureInfo.InvariantCulture),
            envelope.Transient == true ? "true" : null);
        return new DeadLetterRecord(
            failure,
            topic,
            original.Partition,
            original.Offset,
            original.Key,
            original.Timestamp,
            envelope.DeadLetteredAt,
            value,
            [.. (original.Headers ?? []).Select(ToHeader).OfType<KafkaHeader>()])
        {
            ValueOmitted = original.ValueOmitted,
            OmittedValueBytes = original.ValueOmitted ? original.ValueLength : 0,
            Redaction = DeadLetterRedactions.FromName(envelope.Redaction),
        };
    }

    private static DeadLetterEnvelope FromRecord(DeadLetterRecord record, bool includeValue)
    {
        var value = record.Value.Span;
        var isText = Utf8.IsValid(value);
        includeValue &= !record.ValueOmitted;
        var failure = record.Failure;
        return new DeadLetterEnvelope
        {
            Reason = DeadLetterCodec.Cut(failure.Detail),
            Stage = failure.StageName,
            Source = failure.Source,
            Status = failure.Status,
            Transient = failure.IsTransient ? true : null,
            DeadLetteredAt = record.DeadLetteredAt,
            Redaction = DeadLetterRedactions.Name(record.Redaction),
            Original = new DeadLetterEnvelopeOriginal
            {
                Topic = record.OriginalTopic,
                Partition = record.OriginalPartition,
                Offset = record.OriginalOffset,
                Key = record.Key,
                Timestamp = record.OriginalTimestamp,
                Headers = [.. record.OriginalHeaders.Select(header => new DeadLetterEnvelopeHeader
                {
                    Key = header.Key,
                    Value = header.Value is null ? null : Convert.ToBase64String(header.Value),
                })],
                ValueLength = record.ValueOmitted ? (int)Math.Min(record.OmittedValueBytes, int.MaxValue) : value.Length,
                Value = includeValue && isText ? Encoding.UTF8.GetString(value) : null,
                ValueBase64 = includeValue && !isText ? Convert.ToBase64String(value) : null,
                ValueOmitted = !includeValue,
            },
        };
    }

    private static KafkaHeader? ToHeader(DeadLetterEnvelopeHeader? header)
    {
        if (header?.Key is not { } key)
        {
            return null;
        }

        try
        {
            return new KafkaHeader(key, header.Value is null ? null : Convert.FromBase64String(header.Value));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
