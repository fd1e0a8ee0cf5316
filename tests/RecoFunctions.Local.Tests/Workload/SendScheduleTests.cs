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
    public void Timestamp_SentAheadWithinTheBurst_IsTheActualTime()
    {
        var schedule = new SendSchedule(Start, ratePerSecond: 1000);
        var now = Start + TimeSpan.FromMilliseconds(490);

        Assert.Equal(now, schedule.Timestamp(500, now));
    }

    [Fact]
    public void Create_ZeroRate_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SendSchedule(Start, 0));
}
