namespace RecoFunctions.Core.Windowing;

/// <summary>
/// The interactions flow for one source partition, as both runtimes drive it: events in offset order go into the
/// partition's windows, windows the watermark has passed are published, then the changed state and the checkpoint are
/// saved. Single-threaded: one caller per partition. Any failure after the state has changed (publishing, dead-lettering,
/// saving) leaves the object unusable; the host opens the partition again from the store, which re-delivers identical values.
/// </summary>
public sealed class InteractionPartition
{
    private readonly IWindowStateStore _store;
    private readonly IClosedWindowPublisher _publisher;
    private readonly PartitionWindows _windows;
    private readonly TimeProvider _timeProvider;
    private PartitionCheckpoint? _checkpoint;
    private bool _faulted;

    private InteractionPartition(
        string topic, int partition, IWindowStateStore store, IClosedWindowPublisher publisher, PartitionWindows windows, PartitionCheckpoint? checkpoint, TimeProvider timeProvider)
    {
        Topic = topic;
        Partition = partition;
        _store = store;
        _publisher = publisher;
        _windows = windows;
        _checkpoint = checkpoint;
        _timeProvider = timeProvider;
    }

    public string Topic { get; }

    public int Partition { get; }

    /// <summary>Where the host resumes reading: the stored checkpoint's next offset; null when nothing was ever saved (read from the committed or initial position).</summary>
    public long? ResumeOffset => _checkpoint?.NextOffset;

    /// <summary>The partition's watermark: the latest event time seen (<see cref="DateTimeOffset.MinValue"/> before the first event).</summary>
    public DateTimeOffset Watermark => _windows.Watermark;

    /// <summary>Users with open windows held in memory.</summary>
    public int UserCount => _windows.UserCount;

    /// <summary>Loads the partition's state from <paramref name="store"/> and returns it ready to continue after its checkpoint.</summary>
    public static async Task<InteractionPartition> OpenAsync(
        string topic,
        int partition,
        IWindowStateStore store,
        IClosedWindowPublisher publisher,
        WindowingOptions options,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);

        var state = await store.LoadAsync(topic, partition, cancellationToken).ConfigureAwait(false);
        var windows = PartitionWindows.Restore(WindowSet.From(options), options, state);
        return new InteractionPartition(topic, partition, store, publisher, windows, state.Checkpoint, timeProvider);
    }

    /// <summary>
    /// Processes a batch of this partition's events in offset order and saves the state up to <paramref name="nextOffset"/>
    /// (the offset after the batch's last record, invalid records included). Events below the stored checkpoint are
    /// skipped. The host dead-letters <see cref="InteractionBatchResult.Rejected"/> afterwards; a crash between the save
    /// and that loses them, which the overload taking a dead-letter callback avoids.
    /// </summary>
    public Task<InteractionBatchResult> ProcessAsync(IReadOnlyList<OffsetEvent> events, long nextOffset, CancellationToken cancellationToken) =>
        ProcessAsync(events, nextOffset, deadLetterAsync: null, cancellationToken);

    /// <summary>
    /// As <see cref="ProcessAsync(IReadOnlyList{OffsetEvent}, long, CancellationToken)"/>, dead-lettering the rejected events
    /// through <paramref name="deadLetterAsync"/> after publishing and before the save, so that no refused event is lost
    /// to a crash (a crash before the save dead-letters them again, as it re-delivers the windows).
    /// </summary>
    public async Task<InteractionBatchResult> ProcessAsync(
        IReadOnlyList<OffsetEvent> events,
        long nextOffset,
        Func<IReadOnlyList<RejectedOffset>, CancellationToken, Task>? deadLetterAsync,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (_faulted)
        {
            throw new InvalidOperationException(
                $"Partition {Topic}[{Partition}] failed in an earlier call and may be ahead of its stored state; open it again from the store.");
        }

        var started = _timeProvider.GetTimestamp();
        var resumeAt = _checkpoint?.NextOffset ?? long.MinValue;
        var tally = new BatchTally();
        _faulted = true;
        foreach (var item in events)
        {
            if (item.Offset < resumeAt)
            {
                tally.Skipped++;
                continue;
            }

            tally.Count(item.Offset, _windows.Add(item.Event));
        }

        var closed = _windows.TakeClosed();
        var publishElapsed = TimeSpan.Zero;
        if (closed.Count > 0)
        {
            await _publisher.PublishAsync(closed, cancellationToken).ConfigureAwait(false);
            publishElapsed = _timeProvider.GetElapsedTime(started);
        }

        if (deadLetterAsync is not null && tally.Rejected.Count > 0)
        {
            await deadLetterAsync(tally.Rejected, cancellationToken).ConfigureAwait(false);
        }

        var checkpoint = await SaveAsync(Math.Max(nextOffset, _checkpoint?.NextOffset ?? nextOffset), cancellationToken).ConfigureAwait(false);
        _faulted = false;
        return new InteractionBatchResult(tally.Added, tally.Duplicates, tally.Skipped, closed.Count, tally.Rejected, checkpoint) { PublishElapsed = publishElapsed };
    }

    private async Task<PartitionCheckpoint> SaveAsync(long nextOffset, CancellationToken cancellationToken)
    {
        var changes = _windows.TakeChanges(nextOffset);
        if (changes.Users.Count > 0 || changes.Checkpoint != _checkpoint)
        {
            await _store.SaveAsync(Topic, Partition, changes, cancellationToken).ConfigureAwait(false);
        }

        _checkpoint = changes.Checkpoint;
        return changes.Checkpoint;
    }
}
