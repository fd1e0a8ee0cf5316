namespace RecoFunctions.Core.Windowing;

/// <summary>
/// Where a partition's window state stands: it reflects every record before <see cref="NextOffset"/> and none after, and
/// the partition's watermark at that point. A host resumes reading at <see cref="NextOffset"/>.
/// </summary>
public sealed record PartitionCheckpoint(long NextOffset, DateTimeOffset Watermark);
