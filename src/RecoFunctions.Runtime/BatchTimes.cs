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

    public long Batches => Volatile.Read(ref _batches);

    public long BatchesThatWaited => Volatile.Read(ref _batchesThatWaited);

    public long Events => Volatile.Read(ref _events);

    public TimeSpan WaitedForKeys => TimeSpan.FromTicks(Volatile.Read(ref _waitTicks));

    public TimeSpan Ran => TimeSpan.FromTicks(Volatile.Read(ref _runTicks));

    public long Now() => time.GetTimestamp();

    /// <summary>
    /// One batch finished: it waited from <paramref name="waitStarted"/> (when <paramref name="waited"/>) and its workflow
    /// ran from <paramref name="runStarted"/> until now, for <paramref name="events"/> events.
    /// </summary>
    public void Record(long waitStarted, long runStarted, bool waited, int events)
    {
        if (waited)
        {
            Interlocked.Increment(ref _batchesThatWaited);
            Interlocked.Add(ref _waitTicks, time.GetElapsedTime(waitStarted, runStarted).Ticks);
        }

        Interlocked.Add(ref _runTicks, time.GetElapsedTime(runStarted).Ticks);
        Interlocked.Add(ref _events, events);
        Interlocked.Increment(ref _batches);
    }
}
