namespace RecoFunctions.Local.Workload;

/// <summary>
/// When each message of a paced stream was meant to go: the n-th (from 0) at start + n / rate. A paced producer stamps
/// each record with the earlier of that and its actual send time, so that end-to-end latency counts from when the
/// message was due: a producer held back (full queue, late timer, a stalled machine) then shows up in the latency
/// instead of quietly sending fewer messages — coordinated omission corrected, as HdrHistogram's authors describe it.
/// </summary>
internal sealed class SendSchedule(DateTimeOffset start, double ratePerSecond)
{
    private readonly double _ratePerSecond = ratePerSecond > 0
        ? ratePerSecond
        : throw new ArgumentOutOfRangeException(nameof(ratePerSecond), ratePerSecond, "A schedule needs a positive rate.");

    public DateTimeOffset IntendedAt(long index) => start + TimeSpan.FromSeconds(index / _ratePerSecond);

    /// <summary>The record timestamp of message <paramref name="index"/> sent at <paramref name="now"/>.</summary>
    public DateTimeOffset Timestamp(long index, DateTimeOffset now)
    {
        var intended = IntendedAt(index);
        return intended < now ? intended : now;
    }
}
