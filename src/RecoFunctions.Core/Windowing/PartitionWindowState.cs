namespace RecoFunctions.Core.Windowing;

/// <summary>A partition's stored window state: the last checkpoint (null when nothing was ever saved) and every user's serialised state.</summary>
public sealed record PartitionWindowState(PartitionCheckpoint? Checkpoint, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> Users)
{
    public static PartitionWindowState Empty { get; } = new(null, new Dictionary<string, ReadOnlyMemory<byte>>());
}
