using RecoFunctions.Local.Workload;

namespace RecoFunctions.Local.Tests.Workload;

public sealed class SendScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Timestamp_SentLate_IsTheIntendedTime()
    {
        var schedule = new SendSchedule(Start, ratePerSecond: 1000);

        var stamped = schedule.Timestamp(500, Start + TimeSpan.FromSeconds(2));

        Assert.Equal(Start + TimeSpan.FromMilliseconds(500), stamped);
    }

    [Fact]
    public void Timestamp_SentAheadOfItsTime_IsTheActualTime()
    {
        var schedule = new SendSchedule(Start, ratePerSecond: 1000);
        var now = Start + TimeSpan.FromMilliseconds(490);

        Assert.Equal(now, schedule.Timestamp(500, now));
    }

    [Fact]
    public void Create_ZeroRate_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SendSchedule(Start, 0));

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, 1)]
    [InlineData(0.5, 1)]
    [InlineData(1, 2)]
    [InlineData(250, 251)]
    public void DueBy_MillisecondsAfterTheStart_CountsTheMessagesDueThen(double milliseconds, long due)
    {
        var schedule = new SendSchedule(Start, ratePerSecond: 1000);

        Assert.Equal(due, schedule.DueBy(Start + TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void DueBy_AProducerBehindTheSchedule_MayCatchUpAtOnceNotJustAtTheRate()
    {
        var schedule = new SendSchedule(Start, ratePerSecond: 1000);

        // 200 sent by the time 500 are due: the 300 others go now, so no later message inherits the delay.
        Assert.Equal(300, schedule.DueBy(Start + TimeSpan.FromMilliseconds(499.5)) - 200);
    }

    [Theory]
    [InlineData(10, 5, 5)]
    [InlineData(10, 9.5, 1)]
    [InlineData(10, 30, 1)]
    public void Until_NextMessage_IsItsDueTimeAtLeastAMillisecondAway(long index, double nowMilliseconds, double expectedMilliseconds)
    {
        var schedule = new SendSchedule(Start, ratePerSecond: 1000);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), schedule.Until(index, Start + TimeSpan.FromMilliseconds(nowMilliseconds)));
    }
}
