namespace RecoFunctions.Local.Accounting;

/// <summary>
/// One record of a dead-letter topic, as far as an audit needs it: the headers naming reason, stage and original
/// position, the key, and the version when the value is an event with one.
/// </summary>
public sealed record AuditedDeadLetter(
    string Topic,
    int Partition,
    long Offset,
    string? Reason,
    string? Stage,
    string? OriginalTopic,
    int? OriginalPartition,
    long? OriginalOffset,
    string? Key,
    long? Version);
