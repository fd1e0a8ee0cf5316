namespace RecoFunctions.Core.Windowing;

/// <summary>What changed in a partition's window state since the last save, and the checkpoint it brings the state to.</summary>
public sealed record WindowStateChanges(PartitionCheckpoint Checkpoint, IReadOnlyList<UserStateChange> Users);
