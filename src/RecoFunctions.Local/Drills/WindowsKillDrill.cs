using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using RecoFunctions.Core.Delivery;
using RecoFunctions.Local.Cli.Sandbox;
using RecoFunctions.Local.Cli.Shared;
using RecoFunctions.Sandbox.Wire;

namespace RecoFunctions.Local.Drills;

/// <summary>
/// The interactions flow's crash drill: <c>reco run</c> is SIGKILLed several times while the interactions stream in,
/// and the features the recommender ends with are compared, record for record, with those of an uninterrupted run over
/// the same records (another consumer group, its own changelog and its own sandbox). Equal means nothing was lost and
/// nothing counted twice, whatever the kills cut short.
/// </summary>
internal static partial class WindowsKillDrill
{
    public const string Name = "windows-kill";
    public const string KilledGroup = "drill-windows-kill";
    public const string ReferenceGroup = "drill-windows-reference";

    /// <summary>Enough partitions that none holds more than the embedded broker keeps (5 MiB) of the whole stream.</summary>
    private const int Partitions = 32;

    public static async Task<DrillResult> RunAsync(DrillSettings settings, CancellationToken cancellationToken)
    {
        await using var stage = await DrillStage.StartAsync(settings, cancellationToken, Partitions).ConfigureAwait(false);
        var manifest = stage.File("interactions.json");
        var run = stage.StartRun(KilledGroup);
        var produce = stage.StartProduce(manifest, settings.Interactions, settings.InteractionRate, seed: 16,
            "--flow", "interactions", "--late-share", "0.01", "--hostile-share", "0");
        var interval = TimeSpan.FromSeconds(settings.Interactions / settings.InteractionRate / (settings.Kills + 1));
        var runs = new List<RecoProcess> { run };
        for (var kill = 1; kill <= settings.Kills; kill++)
        {
            await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
            run.Kill();
            await run.WaitForExitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            settings.Log($"SIGKILL {kill} of {settings.Kills}: reco run (pid {run.Id})");
            run = stage.StartRun(KilledGroup);
            runs.Add(run);
        }

        await DrillStage.ProducedAsync(produce, cancellationToken).ConfigureAwait(false);
        var failures = new List<string>();
        var stopped = await DrillStage.StopAsync(run, cancellationToken).ConfigureAwait(false);
        if (stopped != ExitCodes.Success)
        {
            failures.Add(Line($"the last killed-group reco run exited with {stopped} after SIGTERM: {run.ErrorTail()}"));
        }

        // What the last run left unread after the stream ended, then the uninterrupted run over the whole topic.
        var drained = await DrainAsync(stage, stage.SandboxUrl, KilledGroup, failures, cancellationToken).ConfigureAwait(false);
        runs.Add(drained.Run);
        var referenceSandbox = await stage.StartSandboxAsync(cancellationToken).ConfigureAwait(false);
        var reference = await DrainAsync(stage, referenceSandbox, ReferenceGroup, failures, cancellationToken).ConfigureAwait(false);

        var killed = await FeaturesAsync(stage.SandboxUrl, cancellationToken).ConfigureAwait(false);
        var expected = await FeaturesAsync(referenceSandbox, cancellationToken).ConfigureAwait(false);
        var (missing, differing, extra) = Compare(expected.Features, killed.Features);
        if (expected.Held == 0)
        {
            failures.Add("the uninterrupted run delivered no features: nothing to compare");
        }

        if (missing + differing + extra > 0 || !string.Equals(expected.Digest, killed.Digest, StringComparison.Ordinal))
        {
            failures.Add(Line($"features differ from the uninterrupted run's: {missing} missing, {differing} with other values, {extra} extra (digest {Short(killed.Digest)} vs {Short(expected.Digest)})"));
        }

        var restores = runs.SelectMany(RestoreSeconds).ToList();
        var notes = new List<string>
        {
            Line($"{settings.Interactions} interactions at {settings.InteractionRate:0}/s over {Partitions} partitions; reco run SIGKILLed {settings.Kills} times, {interval.TotalSeconds:0.0} s apart, restarted each time"),
            Line($"features held: {killed.Held} after the kills, {expected.Held} by the uninterrupted run; digests {Short(killed.Digest)} and {Short(expected.Digest)} ({(killed.Digest == expected.Digest ? "identical" : "DIFFERENT")})"),
            Line($"recommender calls: {killed.Calls} with the kills ({killed.Unchanged} unchanged replays, {killed.Overwritten} overwritten), {expected.Calls} uninterrupted"),
            Line($"uninterrupted run over the whole topic: {reference.Throughput:0} interactions/s; dead letters below are its own"),
            restores.Count > 0
                ? Line($"window state restored {restores.Count} times (per partition), longest {restores.Max():0.000} s, all partitions of a start within {RestoreSpan(runs):0.000} s")
                : "no restore was reported",
        };
        // Dead letters as the uninterrupted run counted them: both groups write to the one dead-letter topic.
        return new DrillResult(Name, settings.Interactions, expected.Held, killed.Held, reference.DeadLettered, missing, extra + differing, 0, null,
            reference.Throughput, notes, failures);
    }

    private static async Task<(RecoProcess Run, double Throughput, Dictionary<string, long> DeadLettered)> DrainAsync(DrillStage stage, Uri sandbox, string group, List<string> failures, CancellationToken cancellationToken)
    {
        var summary = stage.File(group + "-summary.json");
        var run = stage.StartRun(sandbox, group, "--until-idle", "3s", "--summary-json", summary);
        var exit = await run.WaitForExitAsync(stage.Settings.DrainTimeout, cancellationToken).ConfigureAwait(false);
        if (exit != ExitCodes.Success)
        {
            throw new DrillException($"reco run --until-idle (group {group}) exited with {exit}: {run.ErrorTail()}");
        }

        using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(summary, cancellationToken).ConfigureAwait(false));
        var throughput = document.RootElement.GetProperty("throughputPerSecond").GetDouble();
        var deadLettered = document.RootElement.GetProperty("deadLetteredByReason").EnumerateObject()
            .ToDictionary(property => property.Name, property => property.Value.GetInt64(), StringComparer.Ordinal);
        if (run.ErrorLines().Any(line => line.Contains("could not be restored", StringComparison.Ordinal)))
        {
            failures.Add(Line($"group {group}: window state could not be restored"));
        }

        return (run, throughput, deadLettered);
    }

    private static async Task<FeaturesView> FeaturesAsync(Uri sandbox, CancellationToken cancellationToken)
    {
        using var http = SandboxControl.Client(sandbox);
        http.Timeout = TimeSpan.FromSeconds(120);
        return await http.GetFromJsonAsync("_sandbox/features", SandboxJsonContext.Default.FeaturesView, cancellationToken).ConfigureAwait(false)
            ?? throw new DrillException("GET /_sandbox/features answered null");
    }

    /// <summary>Keys of the reference missing after the kills, keys with other values, and keys the reference does not have.</summary>
    private static (long Missing, long Differing, long Extra) Compare(IReadOnlyList<FeatureRecord> expected, IReadOnlyList<FeatureRecord> actual)
    {
        var reference = expected.ToDictionary(Key, Canonical, StringComparer.Ordinal);
        long missing = 0, differing = 0, extra = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var feature in actual)
        {
            var key = Key(feature);
            seen.Add(key);
            if (!reference.TryGetValue(key, out var value))
            {
                extra++;
            }
            else if (!string.Equals(value, Canonical(feature), StringComparison.Ordinal))
            {
                differing++;
            }
        }

        missing = reference.Keys.Count(key => !seen.Contains(key));
        return (missing, differing, extra);
    }

    private static string Key(FeatureRecord feature) => string.Create(CultureInfo.InvariantCulture, $"{feature.UserKey}|{feature.Window}|{feature.Start:O}");

    private static string Canonical(FeatureRecord feature) => string.Create(CultureInfo.InvariantCulture,
        $"{feature.End:O}|{feature.Events}|{string.Join(',', feature.Counts.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}"))}|{feature.DistinctContents}|{feature.TotalDwellMs}|{string.Join(',', feature.TopTags)}|{string.Join(',', feature.TopKinds)}");

    private static IEnumerable<double> RestoreSeconds(RecoProcess run) =>
        run.ErrorLines().Select(line => RestoredIn().Match(line)).Where(match => match.Success)
            .Select(match => TimeSpan.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture).TotalSeconds);

    /// <summary>The longest time one start took to restore all its partitions: the restores run side by side, so the longest one.</summary>
    private static double RestoreSpan(IEnumerable<RecoProcess> runs) => runs.Select(run => RestoreSeconds(run).DefaultIfEmpty(0).Max()).DefaultIfEmpty(0).Max();

    private static string Short(string digest) => digest.Length > 12 ? digest[..12] : digest;

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Restored window state of .* changelog records in (\d+:\d+:\d+(?:\.\d+)?)\)")]
    private static partial Regex RestoredIn();
}
