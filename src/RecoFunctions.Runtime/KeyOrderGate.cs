namespace RecoFunctions.Runtime;

/// <summary>
/// Holds a batch's deliveries until the earlier batches of its partition that share its keys are done, so that a key's
/// versions reach the recommender in partition order while the batch's enrichment runs beside theirs. Records how long
/// the deliveries waited.
/// </summary>
internal sealed class KeyOrderGate(Task<bool>[] earlier, TimeProvider time)
{
    private long _waitedTicks;

    /// <summary>Whether any earlier batch shares a key with this one.</summary>
    public bool HoldsAny => earlier.Length > 0;

    /// <summary>How long the deliveries waited at the gate, in all.</summary>
    public TimeSpan Waited => TimeSpan.FromTicks(Volatile.Read(ref _waitedTicks));

    /// <summary>Completes once the earlier batches are done.</summary>
    /// <exception cref="EarlierBatchUnfinishedException">One of them stopped with messages unfinished.</exception>
    public async Task PassAsync(CancellationToken cancellationToken)
    {
        if (earlier.Length == 0)
        {
            return;
        }

        var started = time.GetTimestamp();
        var finished = await Task.WhenAll(earlier).WaitAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _waitedTicks, time.GetElapsedTime(started).Ticks);
        if (Array.IndexOf(finished, false) >= 0)
        {
            throw new EarlierBatchUnfinishedException();
        }
    }
}
