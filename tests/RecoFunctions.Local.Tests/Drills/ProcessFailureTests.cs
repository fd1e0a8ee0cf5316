using System.Diagnostics;
using RecoFunctions.Local.Cli.Shared;
using RecoFunctions.Local.Drills;

namespace RecoFunctions.Local.Tests.Drills;

/// <summary><c>reco run</c> as a process, refusing bad arguments, bad configuration and an unreachable broker promptly and clearly.</summary>
public sealed class ProcessFailureTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task RunProcess_BrokerUnreachable_ExitsUnavailableNamingTheAddressWithinThirtySeconds()
    {
        var watch = Stopwatch.StartNew();
        await using var run = RecoProcess.Start(RecoProcess.DefaultRecoDll, ["run", "--bootstrap", "127.0.0.1:1", "--no-live"]);

        var exit = await run.WaitForExitAsync(Bound);

        Assert.Equal(ExitCodes.Unavailable, exit);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
        Assert.Contains("Kafka at 127.0.0.1:1 did not answer", string.Join('\n', run.ErrorLines()));
    }

    [Fact]
    public async Task RunProcess_UnknownOption_ExitsTwoNamingIt()
    {
        await using var run = RecoProcess.Start(RecoProcess.DefaultRecoDll, ["run", "--frobnicate", "3"]);

        var exit = await run.WaitForExitAsync(Bound);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--frobnicate", string.Join('\n', run.ErrorLines()));
    }

    [Fact]
    public async Task RunProcess_RetryAttemptsOutOfRangeFromEnvironment_ExitsTwoNamingTheKey()
    {
        await using var run = RecoProcess.Start(
            RecoProcess.DefaultRecoDll,
            ["run", "--bootstrap", "127.0.0.1:1", "--no-live"],
            new Dictionary<string, string> { ["Resilience__Defaults__Retry__MaxAttempts"] = "999" });

        var exit = await run.WaitForExitAsync(Bound);

        var error = string.Join('\n', run.ErrorLines());
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("Resilience:", error);
        Assert.Contains("MaxAttempts", error);
    }
}
