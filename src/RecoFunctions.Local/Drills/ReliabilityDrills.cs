using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using RecoFunctions.Local.Accounting;
using RecoFunctions.Local.Cli.Shared;

namespace RecoFunctions.Local.Drills;

/// <summary>
/// The reliability drills: each starts its own broker and sandbox processes, streams a workload through <c>reco run</c>
/// while a fault happens, and judges the outcome with <see cref="DeliveryAudit"/>.
/// </summary>
internal static partial class ReliabilityDrills
{
    public const string KillRestart = "kill-restart";
    public const string Outage = "outage";
    public const string BrokerStall = "broker-stall";
    public const string Poison = "poison";
    public const string Rebalance = "rebalance";

    /// <summary>The poison drill produces its stream ahead: enough partitions that none holds more than the broker keeps (5 MiB).</summary>
    private const int BacklogPartitions = 32;

    public static IReadOnlyList<string> All { get; } = [KillRestart, Outage, BrokerStall, Poison, Rebalance, WindowsKillDrill.Name];

    public static async Task<DrillResult> RunAsync(string name, DrillSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Log($"drill {name}: starting");
        try
        {
            return name switch
            {
                KillRestart => await KillRestartAsync(settings, cancellationToken).ConfigureAwait(false),
                Outage => await OutageAsync(settings, cancellationToken).ConfigureAwait(false),
                BrokerStall => await BrokerStallAsync(settings, cancellationToken).ConfigureAwait(false),
                Poison => await PoisonAsync(settings, cancellationToken).ConfigureAwait(false),
                Rebalance => await RebalanceAsync(settings, cancellationToken).ConfigureAwait(false),
                WindowsKillDrill.Name => await WindowsKillDrill.RunAsync(settings, cancellationToken).ConfigureAwait(false),
                _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown drill"),
            };
        }
        catch (DrillException exception)
        {
            return DrillResult.Broken(name, exception.Message);
        }
    }

    /// <summary>(a) SIGKILL <c>reco run</c> N times mid-stream, restarting it each time.</summary>
    public static async Task<DrillResult> KillRestartAsync(DrillSettings settings, CancellationToken cancellationToken)
    {
        await using var stage = await DrillStage.StartAsync(settings, cancellationToken).ConfigureAwait(false);
        const string group = "drill-kill";
        var manifest = stage.File("manifest.json");
        var run = stage.StartRun(group);
        var produce = stage.StartProduce(manifest, settings.Events, settings.Rate, seed: 11);
        var interval = settings.StreamLength / (settings.Kills + 1);
        var notes = new List<string>();
        for (var kill = 1; kill <= settings.Kills; kill++)
        {
            await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
            run.Kill();
            await run.WaitForExitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            settings.Log($"SIGKILL {kill} of {settings.Kills}: reco run (pid {run.Id})");
            run = stage.StartRun(group);
        }

        var faultEnded = Stopwatch.GetTimestamp();
        notes.Add(Line($"reco run SIGKILLed {settings.Kills} times, {interval.TotalSeconds:0.0} s apart, and restarted each time"));
        await DrillStage.ProducedAsync(produce, cancellationToken).ConfigureAwait(false);
        return await FinishAsync(KillRestart, stage, manifest, faultEnded, [run], notes, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>(b) The sandbox recommender answers 503 for a while mid-stream.</summary>
    public static async Task<DrillResult> OutageAsync(DrillSettings settings, CancellationToken cancellationToken)
    {
        await using var stage = await DrillStage.StartAsync(settings, cancellationToken).ConfigureAwait(false);
        var manifest = stage.File("manifest.json");
        var run = stage.StartRun("drill-outage");
        var produce = stage.StartProduce(manifest, settings.Events, settings.Rate, seed: 12);
        await Task.Delay(settings.StreamLength / 4, cancellationToken).ConfigureAwait(false);
        var seconds = settings.Outage.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
        await stage.KnobsAsync(cancellationToken, "--service", "recommender-delivery", "--outage", "503", "--for", seconds).ConfigureAwait(false);
        var outageStarted = Stopwatch.GetTimestamp();
        settings.Log($"recommender-delivery answers 503 for {seconds}");
        var remaining = settings.Outage - Stopwatch.GetElapsedTime(outageStarted);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, cancellationToken).ConfigureAwait(false);
        }

        var faultEnded = Stopwatch.GetTimestamp();
        await DrillStage.ProducedAsync(produce, cancellationToken).ConfigureAwait(false);
        var result = await FinishAsync(Outage, stage, manifest, faultEnded, [run], [Line($"recommender-delivery answered 503 for {settings.Outage.TotalSeconds:0} s")], null, cancellationToken).ConfigureAwait(false);
        var opened = run.ErrorLines().Any(line => OpenBreaker().IsMatch(line));
        return result with
        {
            Notes = [.. result.Notes, opened ? "the recommender breaker opened during the outage" : "the recommender breaker was not seen open"],
            Failures = opened ? result.Failures : [.. result.Failures, "the recommender breaker never showed as open in the run's reports"],
        };
    }

    /// <summary>(c) The broker process is frozen (SIGSTOP) for a few seconds mid-stream, then continued.</summary>
    public static async Task<DrillResult> BrokerStallAsync(DrillSettings settings, CancellationToken cancellationToken)
    {
        await using var stage = await DrillStage.StartAsync(settings, cancellationToken).ConfigureAwait(false);
        var manifest = stage.File("manifest.json");
        var run = stage.StartRun("drill-stall");
        var produce = stage.StartProduce(manifest, settings.Events, settings.Rate, seed: 13);
        await Task.Delay(settings.StreamLength / 3, cancellationToken).ConfigureAwait(false);
        await stage.Broker.PauseAsync().ConfigureAwait(false);
        settings.Log($"broker paused (SIGSTOP) for {settings.Stall.TotalSeconds:0} s");
        try
        {
            await Task.Delay(settings.Stall, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stage.Broker.ContinueAsync().ConfigureAwait(false);
        }

        var faultEnded = Stopwatch.GetTimestamp();
        settings.Log("broker continued (SIGCONT)");
        await DrillStage.ProducedAsync(produce, cancellationToken).ConfigureAwait(false);
        return await FinishAsync(BrokerStall, stage, manifest, faultEnded, [run], [Line($"broker frozen (SIGSTOP) for {settings.Stall.TotalSeconds:0} s, then SIGCONT")], null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>(d) Hostile and invalid messages make up a large share: each is dead-lettered, the healthy rest is delivered; throughput against a clean stream.</summary>
    public static async Task<DrillResult> PoisonAsync(DrillSettings settings, CancellationToken cancellationToken)
    {
        var share = settings.PoisonShare.ToString(CultureInfo.InvariantCulture);
        var clean = await BacklogThroughputAsync(settings, "drill-clean", ["--invalid-share", "0", "--hostile-share", "0"], cancellationToken).ConfigureAwait(false);
        await using var stage = await DrillStage.StartAsync(settings, cancellationToken, BacklogPartitions).ConfigureAwait(false);
        var manifest = stage.File("manifest.json");
        var produce = stage.StartProduce(manifest, settings.Events, 0, seed: 14, "--hostile-share", share, "--invalid-share", share);
        await DrillStage.ProducedAsync(produce, cancellationToken).ConfigureAwait(false);
        var (run, poisoned) = await DrainBacklogAsync(stage, "drill-poison", cancellationToken).ConfigureAwait(false);
        await using (run.ConfigureAwait(false))
        {
            var (report, _) = await stage.AuditUntilAsync(manifest, Complete, cancellationToken).ConfigureAwait(false);
            var healthyShare = 1 - (2 * settings.PoisonShare);
            var notes = new List<string>
            {
                Line($"{settings.PoisonShare:P0} hostile and {settings.PoisonShare:P0} invalid messages, produced ahead and drained by 'reco run --until-idle'"),
                Line($"clean stream: {clean:0} msg/s through the pipeline; poisoned stream: {poisoned:0} msg/s of all messages, {poisoned * healthyShare:0} msg/s of healthy ones"),
            };
            var result = Judge(Poison, report, null, notes, poisoned * healthyShare);
            var failures = result.Failures.ToList();
            if (!report.PassedStrict)
            {
                failures.Add(Line($"dead letters not where they belong: {report.MissingDeadLetters} missing, {report.MisroutedDeadLetters} at an unexpected stage"));
            }

            return result with { Failures = failures };
        }
    }

    /// <summary>(e) A second <c>reco run</c> joins the group mid-stream and later leaves with SIGTERM.</summary>
    public static async Task<DrillResult> RebalanceAsync(DrillSettings settings, CancellationToken cancellationToken)
    {
        await using var stage = await DrillStage.StartAsync(settings, cancellationToken).ConfigureAwait(false);
        const string group = "drill-rebalance";
        var manifest = stage.File("manifest.json");
        var first = stage.StartRun(group);
        var produce = stage.StartProduce(manifest, settings.Events, settings.Rate, seed: 15);
        await Task.Delay(settings.StreamLength / 4, cancellationToken).ConfigureAwait(false);
        var second = stage.StartRun(group);
        settings.Log("a second reco run joined the group");
        await Task.Delay(settings.StreamLength / 2, cancellationToken).ConfigureAwait(false);
        var (exit, stopFailure) = await StopAsync(second, cancellationToken).ConfigureAwait(false);
        var faultEnded = Stopwatch.GetTimestamp();
        settings.Log($"the second reco run left (SIGTERM), exit {exit?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
        await DrillStage.ProducedAsync(produce, cancellationToken).ConfigureAwait(false);
        var left = Line($"second instance joined at {settings.StreamLength.TotalSeconds / 4:0.0} s, left with SIGTERM {settings.StreamLength.TotalSeconds / 2:0.0} s later (exit {exit?.ToString(CultureInfo.InvariantCulture) ?? "none"})");
        var result = await FinishAsync(Rebalance, stage, manifest, faultEnded, [first], [left], null, cancellationToken).ConfigureAwait(false);
        return stopFailure is null ? result : result with { Failures = [.. result.Failures, stopFailure] };
    }

    /// <summary>Audits until everything is accounted for, then stops the runs gracefully with SIGTERM (each must exit 0).</summary>
    private static async Task<DrillResult> FinishAsync(
        string name, DrillStage stage, string manifest, long faultEnded, IReadOnlyList<RecoProcess> runs, IReadOnlyList<string> notes, double? throughput, CancellationToken cancellationToken)
    {
        var (report, at) = await stage.AuditUntilAsync(manifest, Complete, cancellationToken).ConfigureAwait(false);
        var drain = Stopwatch.GetElapsedTime(faultEnded, at).TotalSeconds;
        stage.Settings.Log(Line($"drill {name}: audit after {drain:0.0} s: lost {report.Lost}, duplicates applied {report.DuplicatesApplied}, delivered {report.Delivered} of {report.ExpectedValidPairs}"));
        var result = Judge(name, report, Complete(report) ? drain : null, notes, throughput);
        var failures = result.Failures.ToList();
        foreach (var run in runs)
        {
            if ((await StopAsync(run, cancellationToken).ConfigureAwait(false)).Failure is { } failure)
            {
                failures.Add(failure);
            }
        }

        return result with { Failures = failures };
    }

    /// <summary>Stops a run with SIGTERM; a run that does not exit 0 in time is a failure of the drill, reported beside its figures.</summary>
    private static async Task<(int? Exit, string? Failure)> StopAsync(RecoProcess run, CancellationToken cancellationToken)
    {
        try
        {
            var exit = await DrillStage.StopAsync(run, cancellationToken).ConfigureAwait(false);
            return (exit, exit == ExitCodes.Success ? null : Line($"reco run (pid {run.Id}) exited with {exit} after SIGTERM: {run.ErrorTail()}"));
        }
        catch (DrillException exception)
        {
            return (null, Line($"reco run (pid {run.Id}) after SIGTERM: {exception.Message}"));
        }
    }

    private static async Task<double> BacklogThroughputAsync(DrillSettings settings, string group, string[] extra, CancellationToken cancellationToken)
    {
        await using var stage = await DrillStage.StartAsync(settings, cancellationToken, BacklogPartitions).ConfigureAwait(false);
        var manifest = stage.File("clean.json");
        var produce = stage.StartProduce(manifest, settings.Events, 0, seed: 14, extra);
        await DrillStage.ProducedAsync(produce, cancellationToken).ConfigureAwait(false);
        var (run, throughput) = await DrainBacklogAsync(stage, group, cancellationToken).ConfigureAwait(false);
        await run.DisposeAsync().ConfigureAwait(false);
        return throughput;
    }

    /// <summary>Runs <c>reco run --until-idle</c> over a produced backlog; its summary's throughput.</summary>
    private static async Task<(RecoProcess Run, double Throughput)> DrainBacklogAsync(DrillStage stage, string group, CancellationToken cancellationToken)
    {
        var summary = stage.File(group + "-summary.json");
        var run = stage.StartRun(group, "--until-idle", "2s", "--summary-json", summary);
        var exit = await run.WaitForExitAsync(stage.Settings.DrainTimeout, cancellationToken).ConfigureAwait(false);
        if (exit != ExitCodes.Success)
        {
            throw new DrillException($"reco run --until-idle exited with {exit}: {run.ErrorTail()}");
        }

        using var document = System.Text.Json.JsonDocument.Parse(await File.ReadAllBytesAsync(summary, cancellationToken).ConfigureAwait(false));
        return (run, document.RootElement.GetProperty("throughputPerSecond").GetDouble());
    }

    /// <summary>
    /// Every valid key-version arrived and every invalid message is dead-lettered where it belongs; nothing lost, nothing
    /// applied twice. Dead letters count too: the audit reads them before the deliveries, and one published in between (by a
    /// workflow that answered after another batch's last delivery) would otherwise be reported missing.
    /// </summary>
    private static bool Complete(AuditReport report) =>
        report.PassedStrict && report.Delivered == report.ExpectedValidPairs;

    private static DrillResult Judge(string name, AuditReport report, double? drain, IReadOnlyList<string> notes, double? throughput)
    {
        var failures = new List<string>();
        if (report.Lost > 0)
        {
            failures.Add(Line($"{report.Lost} valid key-versions lost"));
        }

        if (report.DuplicatesApplied > 0)
        {
            failures.Add(Line($"{report.DuplicatesApplied} duplicates applied"));
        }

        if (report.TransientDeadLetters > 0)
        {
            failures.Add(Line($"{report.TransientDeadLetters} valid messages dead-lettered for a transient reason"));
        }

        if (report.Delivered != report.ExpectedValidPairs || report.UnexpectedDeadLetters > 0)
        {
            failures.Add(Line($"delivered {report.Delivered} of {report.ExpectedValidPairs} valid key-versions; {report.UnexpectedDeadLetters} valid messages dead-lettered"));
        }

        failures.AddRange(report.Flows.SelectMany(flow => flow.Samples).Take(10));
        var reasons = report.Flows.SelectMany(flow => flow.DeadLettersByReason)
            .GroupBy(pair => pair.Key, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Sum(pair => pair.Value), StringComparer.Ordinal);
        return new DrillResult(name, report.Produced, report.ExpectedValidPairs, report.Delivered, reasons, report.Lost, report.DuplicatesApplied,
            report.TransientDeadLetters, drain, throughput, notes, failures);
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"recommender-api (Open|Isolated|HalfOpen)", RegexOptions.IgnoreCase)]
    private static partial Regex OpenBreaker();
}
