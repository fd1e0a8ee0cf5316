using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Windowing;
using RecoFunctions.Testing;

namespace RecoFunctions.Core.Tests.Windowing;

public sealed class WindowingOptionsTests
{
    [Fact]
    public void AddWindowing_NothingConfigured_UsesTheThreeDefaultWindows()
    {
        using var services = Build([]);

        var options = services.GetRequiredService<IOptions<WindowingOptions>>().Value;

        Assert.Equal(
            [("5m", TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)), ("1h", TimeSpan.FromHours(1), TimeSpan.FromMinutes(5)), ("1d", TimeSpan.FromDays(1), TimeSpan.FromDays(1))],
            options.Windows.Select(window => (window.Name, window.Size, window.EffectiveHop)));
    }

    [Fact]
    public void AddWindowing_WindowsConfigured_ReplaceTheDefaults()
    {
        using var services = Build(new()
        {
            ["Windowing:Windows:0:Name"] = "15m",
            ["Windowing:Windows:0:Size"] = "00:15:00",
            ["Windowing:AllowedLateness"] = "00:00:30",
        });

        var options = services.GetRequiredService<IOptions<WindowingOptions>>().Value;

        Assert.Equal(["15m"], options.Windows.Select(window => window.Name));
        Assert.Equal(TimeSpan.FromSeconds(30), options.AllowedLateness);
    }

    [Theory]
    [InlineData("Windowing:AllowedLateness", "8.00:00:00", "Windowing:AllowedLateness must be between 00:00:00 and 7.00:00:00")]
    [InlineData("Windowing:MaxUsersPerPartition", "0", "Windowing:MaxUsersPerPartition must be between 1 and 10000000")]
    [InlineData("Windowing:MaxEventsPerUserWindow", "0", "Windowing:MaxEventsPerUserWindow must be between 1 and 1000000")]
    [InlineData("Windowing:TopCount", "0", "Windowing:TopCount must be between 1 and 100")]
    public void AddWindowing_ValueOutOfRange_FailsAtStartNamingTheKey(string key, string value, string expected)
    {
        using var services = Build(new() { [key] = value });

        Assert.Contains(StartupFailures.Of(services), failure => failure.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("00:10:00", "00:15:00", "Windowing:Windows:0:Hop (00:15:00) must not exceed Windowing:Windows:0:Size (00:10:00)")]
    [InlineData("00:10:00", "00:04:00", "Windowing:Windows:0:Hop (00:04:00) must divide Windowing:Windows:0:Size (00:10:00)")]
    [InlineData("00:14:00", "00:07:00", "Windowing:Windows:0:Hop (00:07:00) must divide a day or be whole days")]
    public void AddWindowing_HopNotFittingTheSize_FailsAtStartNamingTheKeys(string size, string hop, string expected)
    {
        using var services = Build(new()
        {
            ["Windowing:Windows:0:Name"] = "w",
            ["Windowing:Windows:0:Size"] = size,
            ["Windowing:Windows:0:Hop"] = hop,
        });

        Assert.Equal([expected], StartupFailures.Of(services));
    }

    [Fact]
    public void AddWindowing_TwoWindowsOfOneName_FailsAtStartNamingTheKey()
    {
        using var services = Build(new()
        {
            ["Windowing:Windows:0:Name"] = "w",
            ["Windowing:Windows:0:Size"] = "00:05:00",
            ["Windowing:Windows:1:Name"] = "W",
            ["Windowing:Windows:1:Size"] = "01:00:00",
        });

        Assert.Equal(["Windowing:Windows:1:Name 'W' is used by another window"], StartupFailures.Of(services));
    }

    [Fact]
    public void AddWindowing_WindowWithoutName_FailsAtStartNamingTheKey()
    {
        using var services = Build(new() { ["Windowing:Windows:0:Size"] = "00:05:00" });

        Assert.Contains(StartupFailures.Of(services), failure => failure.Contains("Windowing:Windows:0:Name", StringComparison.Ordinal));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddWindowing(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
}
