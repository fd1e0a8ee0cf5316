using Microsoft.Extensions.Logging;
using RecoFunctions.Core.Windowing;

namespace RecoFunctions.Runtime.Windows;

/// <summary>
/// One assigned partition of a windowed flow: its <see cref="InteractionPartition"/>, used by one batch at a time (the
/// lane runs a windowed partition's batches one after another). When publishing or saving fails, the partition object
/// is unusable; this opens it again from the store (state as of the last checkpoint) and runs the same batch again after
/// a backoff, until it succeeds or the partition stops: the recommender gets identical values again, nothing is lost.
/// </summary>
internal sealed class WindowedPartition(
    RuntimePartition partition,
    InteractionPartition opened,
    Func<RuntimePartition, CancellationToken, Task<InteractionPartition>> reopen,
    TimeSpan firstDelay,
    TimeProvider timeProvider,
    ILogger logger)
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
    private InteractionPartition? _current = opened;

    /// <summary>Where reading resumes: the stored checkpoint's next offset, or null when nothing was ever saved.</summary>
    public long? ResumeOffset { get; } = opened.ResumeOffset;

    /// <summary>Processes the batch; retries until it succeeds. Throws only <see cref="OperationCanceledException"/> once <paramref name="stopping"/> is cancelled.</summary>
    public async Task<InteractionBatchResult> ProcessAsync(
        IReadOnlyList<OffsetEvent> events,
        long nextOffset,
        Func<IReadOnlyList<RejectedOffset>, CancellationToken, Task> deadLetterAsync,
        CancellationToken stopping)
    {
        var delay = firstDelay;
        while (true)
        {
            try
            {
                _current ??= await reopen(partition, stopping).ConfigureAwait(false);
                return await _current.ProcessAsync(events, nextOffset, deadLetterAsync, stopping).ConfigureAwait(false);
            }
            catch (Exception exception) when (!stopping.IsCancellationRequested)
            {
                // Whatever the partition object had changed since its last save is gone with it.
                _current = null;
                WindowsLog.PartitionFailed(logger, exception, partition.ToString(), delay);
            }

            await Task.Delay(delay, timeProvider, stopping).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
        }
    }
}
