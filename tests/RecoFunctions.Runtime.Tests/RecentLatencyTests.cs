using RecoFunctions.Runtime;

namespace RecoFunctions.Runtime.Tests;

public sealed class RecentLatencyTests
{
    [Fact]
    public void Summarize_AfterRotation_ShowsOnlyTheLastCompleteWindow()
    {
        var recent = new RecentLatency();
        recent.Record(TimeSpan.FromMilliseconds(500));
        recent.Rotate();
        recent.Record(TimeSpan.FromMilliseconds(2));
        recent.Record(TimeSpan.FromMilliseconds(4));

        var first = recent.Summarize();
        recent.Rotate();
        var second = recent.Summarize();

        Assert.Equal(1, first.Count);
        Assert.InRange(first.P99.TotalMilliseconds, 499.5, 500.5);
        Assert.Equal(2, second.Count);
        Assert.InRange(second.Max.TotalMilliseconds, 3.99, 4.01);
    }

    [Fact]
    public void Summarize_BeforeAnyRotation_IsEmpty()
    {
        var recent = new RecentLatency();
        recent.Record(TimeSpan.FromMilliseconds(1));

        Assert.Equal(0, recent.Summarize().Count);
    }
}
