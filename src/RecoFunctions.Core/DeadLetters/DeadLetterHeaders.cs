namespace RecoFunctions.Core.DeadLetters;

/// <summary>Header names on dead-lettered records; <see cref="DeadLetterCodec"/> writes and reads them for every runtime and tool.</summary>
public static class DeadLetterHeaders
{
    public const string Reason = "reco-dlq-reason";
    public const string Stage = "reco-dlq-stage";
    public const string OriginalTopic = "reco-dlq-original-topic";
    public const string OriginalPartition = "reco-dlq-original-partition";
    public const string OriginalOffset = "reco-dlq-original-offset";
    public const string DeadLetteredAt = "reco-dlq-at";

    /// <summary>Timestamp of the original record (ISO 8601); optional for readers.</summary>
    public const string OriginalTimestamp = "reco-dlq-original-timestamp";

    /// <summary>
    /// Set, to the original value's size in bytes, when the value had to be left out because the dead-letter topic refused
    /// a record that large; the original is still at its topic, partition and offset.
    /// </summary>
    public const string ValueOmitted = "reco-dlq-value-omitted";

    /// <summary>The rule or service that failed the message (<see cref="DeadLetterFailure.Source"/>); absent on older dead letters.</summary>
    public const string Source = "reco-dlq-source";

    /// <summary>The HTTP status of the failed call, when there was one.</summary>
    public const string Status = "reco-dlq-status";

    /// <summary>Present, as <c>true</c>, when the cause could have passed with time (<see cref="DeadLetterFailure.IsTransient"/>).</summary>
    public const string Transient = "reco-dlq-transient";

    /// <summary>
    /// Present when personal data was redacted (<see cref="DeadLetterRecord.Redaction"/>): <c>pseudonymised</c> (key and
    /// user ids replaced by pseudonyms) or <c>withheld</c> (the value could not be read, so it is left out).
    /// </summary>
    public const string Redaction = "reco-dlq-redaction";

    /// <summary>Prefix shared by all of the above; a record dead-lettered again drops the previous set.</summary>
    public const string Prefix = "reco-dlq-";

    /// <summary>Whether <paramref name="key"/> is one of the above; a record dead-lettered again drops them before writing its own.</summary>
    public static bool IsDeadLetterHeader(string? key) => key is not null && key.StartsWith(Prefix, StringComparison.Ordinal);
}
