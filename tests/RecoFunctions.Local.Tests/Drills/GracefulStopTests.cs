using RecoFunctions.Local.Cli.Shared;
using RecoFunctions.Local.Drills;
using RecoFunctions.Local.Tests.Runtime;
using RecoFunctions.Testing;
using RecoFunctions.Runtime.Tests;
using Xunit.Abstractions;

namespace RecoFunctions.Local.Tests.Drills;

/// <summary>
/// <c>reco run</c> as a process of its own against <c>reco broker</c> and <c>reco sandbox</c> processes, stopped by a signal
/// mid-stream: it must finish what is in flight, commit, and exit 0, so that the next start receives nothing twice.
/// </summary>
[Collection(RuntimeCollection.Name)]
[Trait(TestCategories.Key, TestCategories.Drill)]
public sealed class GracefulStopTests(ITestOutputHelper output)
{
    private const long Events = 20_000;
    private readonly CancellationToken _bounded = new CancellationTokenSource(TimeSpan.FromMinutes(4)).Token;

    [Theory]
    [InlineData("SIGTERM")]
    [InlineData("SIGINT")]
    public async Task Run_SignalledDuringLoad_DrainsCommitsExitsZeroAndTheNextStartReceivesNothingAgain(string name)
    {
        var signal = name == "SIGINT" ? StopSignal.Interrupt : StopSignal.Terminate;
        await using var stage = await DrillStage.StartAsync(Settings(), _bounded);
        var manifest = stage.File("manifest.json");

        // SIGINT at its default, as in a terminal, even if these tests run in the background.
        var run = stage.StartRun("graceful", signal == StopSignal.Interrupt ? InterruptDisposition.Default : InterruptDisposition.Inherited);
        await AssignedAsync(run);
        var produce = StartCleanStream(stage, manifest);
        await ReceivedAsync(stage, run, 5_000);
        var exit = await DrillStage.StopAsync(run, _bounded, signal);

        Assert.Contains(run.ErrorLines(), line => line.Contains($"{name} received, stopping", StringComparison.Ordinal));
        await AssertDrainedAndCommittedAsync(stage, "graceful", produce, manifest, exit);
    }

    [Fact]
    public async Task Run_StartedWithSigintIgnoredAsInABackgroundJob_IgnoresSigintAndStopsGracefullyOnSigterm()
    {
        await using var stage = await DrillStage.StartAsync(Settings(), _bounded);
        var manifest = stage.File("manifest.json");
        var run = stage.StartRun("background", InterruptDisposition.Ignored);
        await AssignedAsync(run);
        var produce = StartCleanStream(stage, manifest);
        await ReceivedAsync(stage, run, 5_000);

        await run.InterruptAsync();
        var exit = await DrillStage.StopAsync(run, _bounded);

        // Had SIGINT been handled, SIGTERM would have been the second signal: an abort, exit 130, unfinished work redelivered.
        var errors = run.ErrorLines();
        Assert.DoesNotContain(errors, line => line.Contains("SIGINT received", StringComparison.Ordinal));
        Assert.Contains(errors, line => line.Contains("SIGTERM received, stopping", StringComparison.Ordinal));
        await AssertDrainedAndCommittedAsync(stage, "background", produce, manifest, exit);
    }

    /// <summary>
    /// 20,000 new (key, version) pairs at 2,000/s: a second receipt of any of them counts as stale at the recommender. It
    /// starts once the run holds its partitions, so the stop (after 5,000 received) comes while records are still
    /// arriving however long the run took to start.
    /// </summary>
    private static RecoProcess StartCleanStream(DrillStage stage, string manifest) => stage.StartProduce(manifest, Events, 2_000, seed: 21,
        "--invalid-share", "0", "--hostile-share", "0", "--duplicate-share", "0", "--out-of-order-share", "0");

    /// <summary>
    /// The stopped run exited 0 having received part of the stream; a second run drains the rest. Had the first one not
    /// finished and committed what it had in flight, the second would receive some of it again (stale at the recommender).
    /// </summary>
    private async Task AssertDrainedAndCommittedAsync(DrillStage stage, string group, RecoProcess produce, string manifest, int exit)
    {
        var before = await stage.StatsAsync(_bounded);
        await DrillStage.ProducedAsync(produce, _bounded);
        var second = stage.StartRun(group, "--until-idle", "2s");
        var secondExit = await second.WaitForExitAsync(TimeSpan.FromMinutes(2), _bounded);
        var after = await stage.StatsAsync(_bounded);
        var (audit, _) = await stage.AuditUntilAsync(manifest, report => report.Passed, _bounded);

        output.WriteLine($"stopped run exit {exit}, received {before.Received} before the stop; after the second run received {after.Received}, stale {after.StaleIgnored}, distinct pairs {audit.ExpectedValidPairs}");
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(ExitCodes.Success, secondExit);
        Assert.InRange(before.Received, 5_000, Events - 1);
        Assert.Equal(0, after.StaleIgnored);
        Assert.Equal(0, after.DuplicatesApplied);
        Assert.Equal(audit.ExpectedValidPairs, after.Received);
        Assert.True(audit.Passed);
        Assert.Equal(audit.ExpectedValidPairs, audit.Delivered);
    }

    private async Task AssignedAsync(RecoProcess run)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!run.ErrorLines().Any(line => line.Contains("Assigned ", StringComparison.Ordinal)))
        {
            Assert.False(run.HasExited, $"reco run ended before it was assigned partitions: {run.ErrorTail()}");
            Assert.True(DateTime.UtcNow < deadline, $"reco run was assigned no partitions within 90 s: {run.ErrorTail()}");
            await Task.Delay(100, _bounded);
        }
    }

    private async Task ReceivedAsync(DrillStage stage, RecoProcess run, long count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while ((await stage.StatsAsync(_bounded)).Received < count)
        {
            Assert.False(run.HasExited, $"reco run ended before {count} were received: {run.ErrorTail()}");
            Assert.True(DateTime.UtcNow < deadline, $"fewer than {count} received within 90 s: {run.ErrorTail()}");
            await Task.Delay(100, _bounded);
        }
    }

    private DrillSettings Settings() => new() { Log = line => output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}"), DrainTimeout = TimeSpan.FromMinutes(2) };
}
