using RecoFunctions.Local.Cli;
using System.Diagnostics;
using RecoFunctions.Local.Cli.Shared;
using RecoFunctions.Local.Drills;
using RecoFunctions.Testing;

namespace RecoFunctions.Local.Tests.Drills;

/// <summary><c>reco run</c> as a process, refusing bad arguments, bad configuration and an unreachable broker promptly and clearly.</summary>
[Trait(TestCategories.Key, TestCategories.Drill)]
public sealed class ProcessFailureTests
{
    /// <summary>Only bounds a hang (a process that never exits); it measures nothing.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task RunProcess_BrokerUnreachable_ExitsUnavailableNamingTheAddressAndTheConnectTimeout()
    {
        await using var run = RecoProcess.Start(RecoProcess.DefaultRecoDll, ["run", "--bootstrap", "127.0.0.1:1", "--no-live"]);

        var exit = await run.WaitForExitAsync(Bound);

        Assert.Equal(ExitCodes.Unavailable, exit);
        Assert.Contains("Kafka at 127.0.0.1:1 did not answer within", string.Join('\n', run.ErrorLines()));
        Assert.Contains("(Kafka:ConnectTimeout)", string.Join('\n', run.ErrorLines()));
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
