namespace RecoFunctions.Core.Windowing;

/// <summary>What one <see cref="InteractionPartition.ProcessAsync(IReadOnlyList{OffsetEvent}, long, CancellationToken)"/> did.</summary>
/// <param name="Added">Events counted in at least one open window.</param>
/// <param name="Duplicates">Events whose eventId the user's open windows had already counted.</param>
/// <param name="Skipped">Events below the stored checkpoint: already part of the state, not counted again.</param>
/// <param name="WindowsClosed">Closed windows published in this call.</param>
/// <param name="Rejected">Events refused by the windows, in offset order, to be dead-lettered (stage <c>window</c>).</param>
/// <param name="Checkpoint">The checkpoint saved with this call's state.</param>
public sealed record InteractionBatchResult(
    int Added,
    int Duplicates,
    int Skipped,
    int WindowsClosed,
    IReadOnlyList<RejectedOffset> Rejected,
    PartitionCheckpoint Checkpoint)
{
    /// <summary>
    /// Time (from the host's <see cref="TimeProvider"/>) from the start of the call until the closed windows were accepted:
    /// how long after the batch's arrival its windows' features reached the recommender. Zero when none closed.
    /// </summary>
    public TimeSpan PublishElapsed { get; init; }
}
