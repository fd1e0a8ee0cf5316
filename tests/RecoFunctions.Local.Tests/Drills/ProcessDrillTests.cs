using RecoFunctions.Local.Drills;
using RecoFunctions.Local.Tests.Runtime;
using RecoFunctions.Testing;
using RecoFunctions.Runtime.Tests;
using Xunit.Abstractions;

namespace RecoFunctions.Local.Tests.Drills;

/// <summary>
/// Faults against <c>reco broker</c>, <c>reco sandbox</c> and <c>reco run</c> running as separate processes, judged by the
/// delivery audit against the sandbox's HTTP endpoints and the dead-letter topics.
/// </summary>
[Collection(RuntimeCollection.Name)]
[Trait(TestCategories.Key, TestCategories.Drill)]
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
    public async Task Rebalance_SecondRunJoinsMidStreamAndLeavesWithSigterm_NothingLostNothingAppliedTwice()
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

    private DrillSettings Settings() => new() { Log = line => output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}"), DrainTimeout = TimeSpan.FromMinutes(2) };

    private void Report(DrillResult result)
    {
        using var writer = new StringWriter();
        new DrillReport([result]).WriteTo(writer);
        output.WriteLine(writer.ToString());
    }
}
