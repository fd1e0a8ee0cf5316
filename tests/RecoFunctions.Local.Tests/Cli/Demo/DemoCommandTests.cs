using System.Text.Json;
using RecoFunctions.Local.Cli.Shared;

namespace RecoFunctions.Local.Tests.Cli.Demo;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_SmallMixedWorkload_DeliversEveryValidEventAndDeadLettersTheRest()
    {
        var summaryFile = Path.Combine(Path.GetTempPath(), $"reco-demo-{Guid.NewGuid():N}.json");

        var run = await CliRun.InvokeAsync(["demo", "--count", "3000", "--rate", "0", "--latency", "0", "--warmup", "0", "--no-live", "--summary-json", summaryFile]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Contains("demo: PASSED", run.Output);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(summaryFile));
        File.Delete(summaryFile);
        var root = summary.RootElement;
        // A fifth of the asked events are interactions, the rest content and campaign events.
        Assert.Equal(600, root.GetProperty("interactions").GetProperty("produced").GetInt64());
        Assert.Equal(2400, root.GetProperty("produced").GetInt64());
        Assert.Equal(0, root.GetProperty("lost").GetInt64());
        Assert.Equal(0, root.GetProperty("duplicatesApplied").GetInt64());
        Assert.Equal(root.GetProperty("expectedValidPairs").GetInt64(), root.GetProperty("delivered").GetInt64());

        // With no warm-up every delivery counts in the steady state, and the figures of the whole run are the same deliveries.
        Assert.Equal(0, root.GetProperty("startUpLatencyMs").GetProperty("count").GetInt64());
        Assert.Equal(root.GetProperty("endToEndLatencyMs").GetProperty("count").GetInt64(), root.GetProperty("steadyStateLatencyMs").GetProperty("count").GetInt64());
        Assert.True(root.GetProperty("p99BySecondMs").GetArrayLength() > 0);
        Assert.Contains("steady state:     events produced after the first 0 s", run.Output);

        // Both flows carried traffic, and the default mix has invalid, hostile and permanently failing events.
        Assert.True(root.GetProperty("producedByFlow").GetProperty("content").GetInt64() > 0);
        Assert.True(root.GetProperty("producedByFlow").GetProperty("campaign").GetInt64() > 0);
        var reasons = root.GetProperty("deadLetteredByReason").EnumerateObject().Select(reason => reason.Name).ToList();
        Assert.Contains(reasons, reason => reason.Contains("parse:", StringComparison.Ordinal));
        Assert.Contains(reasons, reason => reason.Contains("validate:", StringComparison.Ordinal));
        Assert.Contains(reasons, reason => reason.Contains("404", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--count", "0")]
    [InlineData("--rate", "-1")]
    public async Task Demo_BadArgument_ExitsWithUsage(string option, string value)
    {
        var run = await CliRun.InvokeAsync(["demo", option, value]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("reco demo", run.Error);
    }
}
