namespace RecoFunctions.Runtime;

/// <summary>
/// Totals over the batches whose workflow ran: how long they waited for earlier batches of their keys (per-key order)
/// and how long their workflow then ran. Lock-free and allocation-free, as batches finish on any thread.
/// </summary>
internal sealed class BatchTimes(TimeProvider time)
{
    private long _batches;
    private long _batchesThatWaited;
    private long _events;
    private long _waitTicks;
    private long _runTicks;
    private long _beforeStartTicks;

    public long Batches => Volatile.Read(ref _batches);

    public long BatchesThatWaited => Volatile.Read(ref _batchesThatWaited);

    public long Events => Volatile.Read(ref _events);

    public TimeSpan WaitedForKeys => TimeSpan.FromTicks(Volatile.Read(ref _waitTicks));

    public TimeSpan Ran => TimeSpan.FromTicks(Volatile.Read(ref _runTicks));

    /// <summary>Summed over the events: from the record's Kafka timestamp to its batch's start.</summary>
    public TimeSpan BeforeStart => TimeSpan.FromTicks(Volatile.Read(ref _beforeStartTicks));

    public long Now() => time.GetTimestamp();

    public TimeSpan Elapsed(long started) => time.GetElapsedTime(started);

    /// <summary>
    /// One batch finished: its deliveries waited <paramref name="waitedForKeys"/> (when <paramref name="waited"/>) and its
    /// workflow otherwise ran for <paramref name="ran"/>, for <paramref name="events"/> events that had spent
    /// <paramref name="beforeStart"/> in all from their Kafka timestamps to the batch's start.
    /// </summary>
    public void Record(TimeSpan waitedForKeys, bool waited, TimeSpan ran, int events, TimeSpan beforeStart)
    {
        Interlocked.Add(ref _beforeStartTicks, beforeStart.Ticks);
        if (waited)
        {
            Interlocked.Increment(ref _batchesThatWaited);
            Interlocked.Add(ref _waitTicks, waitedForKeys.Ticks);
        }

        Interlocked.Add(ref _runTicks, ran.Ticks);
        Interlocked.Add(ref _events, events);
        Interlocked.Increment(ref _batches);
    }
}
