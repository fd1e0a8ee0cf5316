namespace RecoFunctions.Local.Workload;

/// <summary>
/// When each message of a paced stream was meant to go: the n-th (from 0) at start + n / rate. A paced producer sends
/// each message once it is due, all that are due at once when it fell behind, and stamps each record with the earlier of
/// its due time and its actual send time, so that end-to-end latency counts from when the message was due: a producer
/// held back (full queue, late timer, a stalled machine) then shows up in the latency of the messages it held back
/// instead of quietly sending fewer, and catching up afterwards keeps the delay from carrying over to every later
/// message — coordinated omission corrected, as HdrHistogram's authors describe it.
/// </summary>
internal sealed class SendSchedule(DateTimeOffset start, double ratePerSecond)
{
    private readonly double _ratePerSecond = ratePerSecond > 0
        ? ratePerSecond
        : throw new ArgumentOutOfRangeException(nameof(ratePerSecond), ratePerSecond, "A schedule needs a positive rate.");

    public DateTimeOffset IntendedAt(long index) => start + TimeSpan.FromSeconds(index / _ratePerSecond);

    /// <summary>How many messages are due by <paramref name="now"/>: a producer that fell behind sends them at once.</summary>
    public long DueBy(DateTimeOffset now) => now < start ? 0 : (long)Math.Floor((now - start).TotalSeconds * _ratePerSecond) + 1;

    /// <summary>How long until message <paramref name="index"/> is due, at least a millisecond (timers are not finer).</summary>
    public TimeSpan Until(long index, DateTimeOffset now)
    {
        var left = IntendedAt(index) - now;
        return left > TimeSpan.FromMilliseconds(1) ? left : TimeSpan.FromMilliseconds(1);
    }

    /// <summary>The record timestamp of message <paramref name="index"/> sent at <paramref name="now"/>.</summary>
    public DateTimeOffset Timestamp(long index, DateTimeOffset now)
    {
        var intended = IntendedAt(index);
        return intended < now ? intended : now;
    }
}
