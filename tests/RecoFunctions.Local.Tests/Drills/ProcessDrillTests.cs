using RecoFunctions.Local.Cli;
using RecoFunctions.Local.Drills;
using RecoFunctions.Local.Tests.Runtime;
using Xunit.Abstractions;

namespace RecoFunctions.Local.Tests.Drills;

/// <summary>
/// Faults against <c>reco broker</c>, <c>reco sandbox</c> and <c>reco run</c> running as separate processes, judged by the
/// delivery audit against the sandbox's HTTP endpoints and the dead-letter topics.
/// </summary>
[Collection(RuntimeCollection.Name)]
public sealed class ProcessDrillTests(ITestOutputHelper output)
{
    private readonly CancellationToken _bounded = new CancellationTokenSource(TimeSpan.FromMinutes(4)).Token;

    [Fact]
    public async Task KillRestart_RunSigkilledThreeTimesDuringFiftyThousandEvents_EveryValidEventDeliveredNothingLostNothingAppliedTwice()
    {
        var result = await ReliabilityDrills.KillRestartAsync(Settings() with { Events = 50_000, Rate = 10_000, Kills = 3 }, _bounded);

        Report(result);
        Assert.True(result.Passed, string.Join("; ", result.Failures));
        Assert.True(result.Produced >= 50_000, $"produced {result.Produced}");
        Assert.Equal(0, result.Lost);
        Assert.Equal(0, result.DuplicatesApplied);
        Assert.Equal(result.ExpectedValidPairs, result.Delivered);
        Assert.True(result.DeadLettered > 0, "the default workload's invalid messages were not dead-lettered");
    }

    [Fact]
    public async Task Outage_RecommenderAnswers503ForFifteenSecondsMidStream_NothingDeadLetteredForATransientReasonAndTheBacklogDrains()
    {
        var result = await ReliabilityDrills.OutageAsync(Settings() with { Events = 30_000, Rate = 5_000, Outage = TimeSpan.FromSeconds(15) }, _bounded);

        Report(result);
        Assert.True(result.Passed, string.Join("; ", result.Failures));
        Assert.Equal(0, result.TransientDeadLetters);
        Assert.Equal(0, result.Lost);
        Assert.Equal(result.ExpectedValidPairs, result.Delivered);
        Assert.NotNull(result.DrainSeconds);
        Assert.Contains("the recommender breaker opened during the outage", result.Notes);
    }

    [Fact]
    public async Task Rebalance_SecondRunJoinsMidStreamAndLeavesWithSigint_NothingLostNothingAppliedTwice()
    {
        var result = await ReliabilityDrills.RebalanceAsync(Settings() with { Events = 30_000, Rate = 5_000 }, _bounded);

        Report(result);
        Assert.True(result.Passed, string.Join("; ", result.Failures));
        Assert.Equal(0, result.Lost);
        Assert.Equal(0, result.DuplicatesApplied);
    }

    [Fact]
    public async Task BrokerStall_BrokerFrozenWithSigstopMidStream_NothingLostAfterSigcont()
    {
        var result = await ReliabilityDrills.BrokerStallAsync(Settings() with { Events = 20_000, Rate = 5_000, Stall = TimeSpan.FromSeconds(4) }, _bounded);

        Report(result);
        Assert.True(result.Passed, string.Join("; ", result.Failures));
        Assert.Equal(0, result.Lost);
    }

    [Fact]
    public async Task Run_SigintDuringLoad_DrainsCommitsAndTheNextStartReceivesNothingAgain()
    {
        var settings = Settings();
        await using var stage = await DrillStage.StartAsync(settings, _bounded);
        var manifest = stage.File("manifest.json");
        var produce = stage.StartProduce(manifest, 20_000, 5_000, seed: 21,
            "--invalid-share", "0", "--hostile-share", "0", "--duplicate-share", "0", "--out-of-order-share", "0");
        var run = stage.StartRun("graceful");
        await ReceivedAsync(stage, 5_000);

        var exit = await DrillStage.InterruptAsync(run, _bounded);
        var before = await stage.StatsAsync(_bounded);
        await DrillStage.ProducedAsync(produce, _bounded);
        var second = stage.StartRun("graceful", "--until-idle", "2s");
        var secondExit = await second.WaitForExitAsync(TimeSpan.FromMinutes(2), _bounded);
        var after = await stage.StatsAsync(_bounded);
        var (audit, _) = await stage.AuditUntilAsync(manifest, report => report.Passed, _bounded);

        output.WriteLine($"first run exit {exit}, received {before.Received} before the stop; after the second run received {after.Received}, stale {after.StaleIgnored}, distinct pairs {audit.ExpectedValidPairs}");
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(ExitCodes.Success, secondExit);
        Assert.InRange(before.Received, 5_000, 19_999);

        // Every message is a new (key, version): a second receipt of any of them would be counted as stale.
        Assert.Equal(0, after.StaleIgnored);
        Assert.Equal(0, after.DuplicatesApplied);
        Assert.Equal(audit.ExpectedValidPairs, after.Received);
        Assert.True(audit.Passed);
        Assert.Equal(audit.ExpectedValidPairs, audit.Delivered);
    }

    private async Task ReceivedAsync(DrillStage stage, long count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while ((await stage.StatsAsync(_bounded)).Received < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"fewer than {count} received within 90 s");
            await Task.Delay(100, _bounded);
        }
    }

    private DrillSettings Settings() => new() { Log = line => output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}"), DrainTimeout = TimeSpan.FromMinutes(2) };

    private void Report(DrillResult result)
    {
        using var writer = new StringWriter();
        new DrillReport([result]).WriteTo(writer);
        output.WriteLine(writer.ToString());
    }
}
