using RecoFunctions.Local.Cli.Shared;

namespace RecoFunctions.Local.Tests.Cli.Shared;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("90", 90_000)]
    [InlineData("1.5", 1_500)]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("00:01:30", 90_000)]
    [InlineData("0", 0)]
    [InlineData("00:00:00", 0)]
    public void TryParse_Accepted(string text, double milliseconds)
    {
        Assert.True(Durations.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-3")]
    [InlineData("5x")]
    public void TryParse_Refused(string text) => Assert.False(Durations.TryParse(text, out _));
}
