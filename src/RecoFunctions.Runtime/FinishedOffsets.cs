using System.Collections.Concurrent;

namespace RecoFunctions.Runtime;

/// <summary>
/// Where running batches report the messages they finished (delivered, stale or dead-lettered); the poll thread, sole
/// owner of the offsets, takes them in and completes them in its <see cref="OffsetTracker"/>s. The way is one-directional:
/// batches never call into the poll thread's state, and the trackers need no lock.
/// </summary>
internal sealed class FinishedOffsets
{
    private readonly ConcurrentQueue<Finished> _queue = new();
    private readonly object _gate = new();
    private int _waiting;

    /// <summary>Any thread: the message at <paramref name="offset"/> of <paramref name="lane"/> is finished.</summary>
    public void Report(PartitionLane lane, long offset)
    {
        _queue.Enqueue(new Finished(lane, offset));
        if (Volatile.Read(ref _waiting) != 0)
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>Poll thread: waits until something is reported, at most <paramref name="timeout"/>; returns at once if something is.</summary>
    public void WaitForReports(TimeSpan timeout)
    {
        lock (_gate)
        {
            // Announced before looking, so that a report made after the look pulses (the exchange is a full fence).
            Interlocked.Exchange(ref _waiting, 1);
            if (_queue.IsEmpty)
            {
                Monitor.Wait(_gate, timeout);
            }

            Volatile.Write(ref _waiting, 0);
        }
    }

    /// <summary>
    /// Poll thread: completes every reported offset in its lane's tracker; a report for a lane that was dropped since
    /// (revoked or lost) is ignored. Completed messages are no longer in flight. Returns whether a paused lane had
    /// messages finished.
    /// </summary>
    public bool TakeIn(RuntimeMetrics metrics)
    {
        var pausedDrained = false;
        var completed = 0;
        while (_queue.TryDequeue(out var finished))
        {
            if (!finished.Lane.Dropped && finished.Lane.Offsets.Complete(finished.Offset))
            {
                completed++;
                pausedDrained |= finished.Lane.Paused;
            }
        }

        metrics.RecordFinished(completed);
        return pausedDrained;
    }

    private readonly record struct Finished(PartitionLane Lane, long Offset);
}
