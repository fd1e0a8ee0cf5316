using RecoFunctions.Local.Cli.Shared;

namespace RecoFunctions.Local.Tests.Cli.Drill;

public sealed class DrillCommandTests
{
    [Fact]
    public async Task Drill_UnknownDrillName_ExitsTwoListingTheDrills()
    {
        var run = await CliRun.InvokeAsync(["drill", "--only", "outage,meteor"]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--only meteor: no such drill (kill-restart, outage, broker-stall, poison, rebalance, windows-kill)", run.Error);
    }

    [Theory]
    [InlineData("--events", "10")]
    [InlineData("--rate", "0")]
    [InlineData("--kills", "0")]
    public async Task Drill_OutOfRangeValue_ExitsTwoNamingTheOption(string option, string value)
    {
        var run = await CliRun.InvokeAsync(["drill", option, value]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains($"reco drill: {option} {value}:", run.Error);
    }

    [Fact]
    public async Task Help_Drill_DescribesEveryDrillAndOption()
    {
        var run = await CliRun.InvokeAsync(["drill", "--help"]);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        foreach (var text in new[] { "--only", "--events", "--rate", "--kills", "--json", "kill-restart", "outage", "broker-stall", "poison", "rebalance" })
        {
            Assert.Contains(text, run.Output);
        }
    }
}
