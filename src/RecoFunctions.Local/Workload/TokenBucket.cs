namespace RecoFunctions.Local.Workload;

/// <summary>
/// Paces a producer at a rate: tokens accrue continuously on the <see cref="TimeProvider"/>'s clock up to a small
/// burst, so that a late timer is made up for within the burst instead of lowering the rate, and nothing sleeps per message.
/// </summary>
internal sealed class TokenBucket
{
    private readonly double _ratePerSecond;
    private readonly double _capacity;
    private readonly TimeProvider _timeProvider;
    private double _tokens;
    private long _refilledAt;

    public TokenBucket(double ratePerSecond, TimeSpan burst, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _ratePerSecond = ratePerSecond;
        _capacity = Math.Max(1, ratePerSecond * burst.TotalSeconds);
        _timeProvider = timeProvider;
        _tokens = 1;
        _refilledAt = timeProvider.GetTimestamp();
    }

    /// <returns>How many of <paramref name="wanted"/> may go now (possibly 0); those are taken.</returns>
    public int Take(int wanted)
    {
        Refill();
        var granted = (int)Math.Min(wanted, Math.Floor(_tokens));
        _tokens -= granted;
        return granted;
    }

    /// <summary>How long until the next token, at least a millisecond (timers are not finer).</summary>
    public TimeSpan UntilNext()
    {
        Refill();
        var missing = Math.Max(0, 1 - _tokens);
        return TimeSpan.FromSeconds(Math.Max(missing / _ratePerSecond, 0.001));
    }

    private void Refill()
    {
        var now = _timeProvider.GetTimestamp();
        var elapsed = _timeProvider.GetElapsedTime(_refilledAt, now);
        _refilledAt = now;
        _tokens = Math.Min(_capacity, _tokens + (elapsed.TotalSeconds * _ratePerSecond));
    }
}
