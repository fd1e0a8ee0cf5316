namespace RecoFunctions.Runtime.Windows;

/// <summary>
/// What the store knows of one changelog partition between saves: the live users' states as last written (a snapshot
/// rewrites them), the bytes written since the last snapshot, and whether the next save must be a snapshot. Used by the
/// partition's single processing thread only.
/// </summary>
internal sealed class ChangelogPartitionLog(IReadOnlyDictionary<string, ReadOnlyMemory<byte>> users, bool snapshotNext)
{
    public Dictionary<string, ReadOnlyMemory<byte>> Users { get; } = new(users, StringComparer.Ordinal);

    public long BytesSinceSnapshot { get; set; }

    public bool SnapshotNext { get; set; } = snapshotNext;
}
