using Microsoft.Extensions.Time.Testing;
using RecoFunctions.Local.Workload;
using RecoFunctions.Testing;

namespace RecoFunctions.Local.Tests.Workload;

public sealed class TokenBucketTests
{
    private readonly FakeTimeProvider _time = TestClock.Create();

    [Fact]
    public void Take_OverTime_GrantsTheRateAndNoMore()
    {
        var bucket = new TokenBucket(1000, TimeSpan.FromMilliseconds(20), _time);
        long granted = bucket.Take(int.MaxValue);

        for (var step = 0; step < 1000; step++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(1));
            granted += bucket.Take(int.MaxValue);
        }

        // One second at 1000/s, plus the single token it starts with.
        Assert.InRange(granted, 1000, 1001);
    }

    [Fact]
    public void Take_AfterALongPause_BurstsNoMoreThanTheBurst()
    {
        var bucket = new TokenBucket(1000, TimeSpan.FromMilliseconds(20), _time);
        bucket.Take(int.MaxValue);

        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(20, bucket.Take(int.MaxValue));
        Assert.Equal(0, bucket.Take(int.MaxValue));
    }

    [Fact]
    public void UntilNext_Empty_IsTheTimeOfOneTokenButAtLeastAMillisecond()
    {
        var slow = new TokenBucket(10, TimeSpan.FromMilliseconds(20), _time);
        var fast = new TokenBucket(100_000, TimeSpan.FromMilliseconds(20), _time);
        slow.Take(int.MaxValue);
        fast.Take(int.MaxValue);

        Assert.Equal(TimeSpan.FromMilliseconds(100), slow.UntilNext());
        Assert.Equal(TimeSpan.FromMilliseconds(1), fast.UntilNext());
    }

    [Fact]
    public void Take_PartialRequest_LeavesTheRest()
    {
        var bucket = new TokenBucket(1000, TimeSpan.FromMilliseconds(100), _time);
        _time.Advance(TimeSpan.FromMilliseconds(100));

        Assert.Equal(30, bucket.Take(30));
        Assert.Equal(70, bucket.Take(int.MaxValue));
    }
}
