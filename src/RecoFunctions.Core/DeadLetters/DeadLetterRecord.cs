using RecoFunctions.Core.Messaging;

namespace RecoFunctions.Core.DeadLetters;

/// <summary>
/// A message on its way to (or read back from) a dead-letter topic: why it failed (<see cref="Failure"/>), where it
/// came from, and the original key, headers and value. <see cref="DeadLetterCodec"/> writes and reads its wire forms.
/// </summary>
public sealed record DeadLetterRecord(
    DeadLetterFailure Failure,
    string OriginalTopic,
    int OriginalPartition,
    long OriginalOffset,
    string? Key,
    DateTimeOffset OriginalTimestamp,
    DateTimeOffset DeadLetteredAt,
    ReadOnlyMemory<byte> Value,
    IReadOnlyList<KafkaHeader> OriginalHeaders)
{
    /// <summary>Largest envelope <see cref="DeadLetterCodec.ToEnvelopeJson"/> produces by default: below the output binding's 1,000,000-byte message limit.</summary>
    public const int DefaultMaxEnvelopeBytes = 900_000;

    /// <summary>True when the value was too large for the dead-letter topic and left out; the original is still at <see cref="OriginalId"/>.</summary>
    public bool ValueOmitted { get; init; }

    /// <summary>Size in bytes of the value that was left out (0 when unknown or when nothing was left out).</summary>
    public long OmittedValueBytes { get; init; }

    /// <summary>What <see cref="DeadLetterRedactor"/> did to keep personal data off the dead-letter topic; replay must not republish a redacted value.</summary>
    public DeadLetterRedaction Redaction { get; init; }

    public MessageId OriginalId => new(OriginalTopic, OriginalPartition, OriginalOffset);

    /// <summary>The dead letter of <paramref name="original"/>, which failed for <paramref name="failure"/>.</summary>
    public static DeadLetterRecord From(KafkaMessage original, DeadLetterFailure failure, DateTimeOffset deadLetteredAt)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(failure);
        return new DeadLetterRecord(
            failure,
            original.Topic,
            original.Partition,
            original.Offset,
            original.Key,
            original.Timestamp,
            deadLetteredAt,
            original.Value,
            [.. (original.Headers ?? []).Where(header => !DeadLetterHeaders.IsDeadLetterHeader(header.Key))]);
    }

    /// <summary>The dead letter of <paramref name="original"/> with personal data redacted by <paramref name="redactor"/>: what both runtimes write.</summary>
    public static DeadLetterRecord From(KafkaMessage original, DeadLetterFailure failure, DateTimeOffset deadLetteredAt, DeadLetterRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        return redactor.Redact(From(original, failure, deadLetteredAt));
    }

    /// <summary>This dead letter without its value, for a topic that refused a record that large.</summary>
    public DeadLetterRecord WithoutValue() => ValueOmitted
        ? this
        : this with { Value = ReadOnlyMemory<byte>.Empty, ValueOmitted = true, OmittedValueBytes = Value.Length };
}
