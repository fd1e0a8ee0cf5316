using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Confluent.Kafka;
using RecoFunctions.Local.Cli.Shared;
using RecoFunctions.Local.Demo;
using RecoFunctions.Runtime.Hosting;

namespace RecoFunctions.Local.Cli.Demo;

/// <summary><c>reco demo</c>: the main job on embedded defaults, end to end, with an audited summary.</summary>
internal static class DemoCommand
{
    private const string Name = "demo";

    /// <summary>A steady-state median above this is a backlog, not a pipeline keeping up (two 2 ms calls plus Kafka take a few tens).</summary>
    private const double SteadyBacklogMs = 500;

    public static Command Create(GlobalOptions global, RecoConsole console)
    {
        var count = new Option<long>("--count", "-n")
        {
            Description = "Events to produce, both flows together (a mix of valid, invalid, hostile, duplicate, out-of-order and permanently failing ones).",
            DefaultValueFactory = _ => 50_000,
        };
        var rate = new Option<double>("--rate", "-r")
        {
            Description = "Events per second offered while the pipeline runs; 0 produces as fast as possible.",
            DefaultValueFactory = _ => 10_000,
        };
        var latency = Durations.Option("--latency", "Latency of every sandbox service call (default 2ms).");
        var warmUp = Durations.Option("--warmup", "The first part of the stream counted as start-up (consumer group forming, first connections, JIT), not steady state (default 2s).");
        var timeout = Durations.Option("--timeout", "How long the pipeline may take to drain the workload after it is produced (default 3m).");
        var seed = new Option<long>("--seed") { Description = "Seed of the workload generator.", DefaultValueFactory = _ => 1 };
        var summary = new Option<FileInfo?>("--summary-json") { Description = "Write the summary to this file as JSON.", HelpName = "FILE" };
        var noLive = new Option<bool>("--no-live") { Description = "No live view on a terminal; one log line per Runtime:ReportInterval instead." };

        var command = new LongRunningCommand(Name,
            "Run the whole pipeline end to end on embedded defaults: an in-process Kafka and sandbox services, a mixed workload for both " +
            "flows produced while the pipeline consumes it, then a summary: produced, delivered, dead-lettered by reason, lost (valid events " +
            "that reached neither the recommender nor a dead-letter topic), duplicates applied, throughput and end-to-end latency " +
            "(Kafka timestamp to recommender receipt) in the steady state after the stream's first --warmup, the start-up's apart, and of the whole run. Exit code: 0 nothing lost and nothing applied twice, 1 otherwise, 2 bad arguments or configuration, 4 records dropped by the broker before they were read.")
        {
            count, rate, latency, warmUp, timeout, seed, summary, noLive,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var settings = new DemoSettings(
                parse.GetValue(count),
                parse.GetValue(rate),
                parse.GetValue(latency) ?? TimeSpan.FromMilliseconds(2),
                parse.GetValue(seed),
                parse.GetValue(timeout) ?? TimeSpan.FromMinutes(3),
                !parse.GetValue(noLive),
                parse.GetValue(warmUp) ?? TimeSpan.FromSeconds(2));
            return RunAsync(console, parse, global, settings, parse.GetValue(summary), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        RecoConsole console, ParseResult parse, GlobalOptions global, DemoSettings settings, FileInfo? summaryFile, CancellationToken cancellationToken)
    {
        if (settings.Count <= 0 || settings.Rate < 0 || settings.Timeout <= TimeSpan.Zero)
        {
            return await CommandFailure.ReportAsync(console, Name, ["--count must be positive, --rate zero or positive, --timeout positive."]).ConfigureAwait(false);
        }

        try
        {
            var configuration = RecoConfiguration.Build(console, parse.GetValue(global.Environment), parse.GetValue(global.Config));
            var (summary, audit) = await new DemoRunner(console, TimeProvider.System).RunAsync(configuration, settings, cancellationToken).ConfigureAwait(false);
            audit.WriteTo(console.Error);
            foreach (var line in Lines(summary))
            {
                await console.Output.WriteLineAsync(line).ConfigureAwait(false);
            }

            if (summaryFile is not null)
            {
                await File.WriteAllTextAsync(summaryFile.FullName, JsonSerializer.Serialize(summary, CliJsonContext.Default.DemoSummary), cancellationToken).ConfigureAwait(false);
            }

            return summary.Passed ? ExitCodes.Success : ExitCodes.Findings;
        }
        catch (RecoStartupException exception)
        {
            return await CommandFailure.ReportAsync(console, Name, exception.Problems).ConfigureAwait(false);
        }
        catch (KafkaException exception)
        {
            return await CommandFailure.ReportAsync(console, Name, [$"Kafka failed: {exception.Message}"], ExitCodes.Unavailable).ConfigureAwait(false);
        }
    }

    private static IEnumerable<string> Lines(DemoSummary summary)
    {
        var latency = summary.EndToEndLatencyMs;
        yield return Invariant($"produced:         {summary.Produced:#,0} ({string.Join(", ", summary.ProducedByFlow.Select(pair => Invariant($"{pair.Key} {pair.Value:#,0}")))}) at {summary.ProducedPerSecond:#,0}/s");
        yield return Invariant($"delivered:        {summary.Delivered:#,0} of {summary.ExpectedValidPairs:#,0} valid (key, version) pairs");
        yield return Invariant($"dead-lettered:    {summary.DeadLettered:#,0}");
        foreach (var (reason, count) in summary.DeadLetteredByReason.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal))
        {
            yield return Invariant($"  {count,8:#,0}  {reason}");
        }

        if (summary.Interactions is { } interactions)
        {
            yield return Invariant($"interactions:     {interactions.Produced:#,0} produced; windowed features held by the recommender {interactions.FeaturesHeld:#,0} ({interactions.FeatureCalls:#,0} calls, {interactions.UnchangedReplays:#,0} unchanged replays); dead-lettered {interactions.DeadLettered:#,0}, late {interactions.Late:#,0}");
            var fresh = interactions.Freshness;
            yield return fresh.Count > 0
                ? Invariant($"  window freshness: p50 {fresh.P50.TotalMilliseconds:0} ms, p99 {fresh.P99.TotalMilliseconds:0} ms, max {fresh.Max.TotalMilliseconds:0} ms over {fresh.Count:#,0} batches that closed windows (oldest record's Kafka timestamp to the recommender taking the features)")
                : "  window freshness: no window closed";
        }

        yield return Invariant($"lost:             {summary.Lost:#,0}");
        yield return Invariant($"duplicates applied: {summary.DuplicatesApplied:#,0}");
        var warmUp = Invariant($"{summary.WarmUpSeconds:0.#} s");
        var steady = summary.SteadyStateLatencyMs;
        yield return summary.SteadyStatePerSecond is { } perSecond && steady.Count > 0
            ? Invariant($"steady state:     events produced after the first {warmUp} of the stream: {perSecond:#,0} messages/s finished (offered {summary.ProducedPerSecond:#,0}/s); latency p50 {steady.P50:0.0} ms, p95 {steady.P95:0.0} ms, p99 {steady.P99:0.0} ms, max {steady.Max:0.0} ms ({steady.Count:#,0} deliveries)")
            : Invariant($"steady state:     not reached: the stream was not longer than its first {warmUp} (--warmup), the start-up");
        var startUp = summary.StartUpLatencyMs;
        yield return Invariant($"start-up:         events produced in the first {warmUp} (consumer group forming, first connections, JIT): latency p50 {startUp.P50:0.0} ms, p99 {startUp.P99:0.0} ms, max {startUp.Max:0.0} ms ({startUp.Count:#,0} deliveries)");
        yield return Invariant($"p99 by second:    {string.Join(" | ", summary.P99BySecondMs.Select(p99 => Invariant($"{p99:#,0.0}")))} ms (events produced in each second of the stream)");
        yield return Invariant($"whole run:        {summary.PipelinePerSecond:#,0} messages/s over {summary.DurationSeconds:0.0} s; latency p50 {latency.P50:0.0} ms, p95 {latency.P95:0.0} ms, p99 {latency.P99:0.0} ms, max {latency.Max:0.0} ms ({latency.Count:#,0} deliveries), start-up included");
        yield return "                  (latency: Kafka timestamp, the intended send time at the offered rate, to recommender receipt, all in this one process on embedded Kafka and sandbox; 'reco bench' measures the pipeline on its own)";
        if (Caveat(summary) is { } caveat)
        {
            yield return caveat;
        }
        yield return summary.Passed ? "demo: PASSED" : "demo: FAILED";
    }

    /// <summary>Says so when the figures measure a backlog on a machine that could not keep up rather than the pipeline's latency.</summary>
    private static string? Caveat(DemoSummary summary)
    {
        var load = summary.LoadAverageAtStart is { } average ? $" (load average at start {average})" : string.Empty;
        if (summary.RequestedPerSecond > 0 && summary.ProducedPerSecond < 0.9 * summary.RequestedPerSecond)
        {
            return Invariant($"note:             the producer reached {summary.ProducedPerSecond:#,0} of the {summary.RequestedPerSecond:#,0} events/s asked: this machine was too busy{load} for these figures to be the pipeline's; the latencies are mostly waiting for the processor");
        }

        return summary.SteadyStateLatencyMs.Count > 0 && summary.SteadyStateLatencyMs.P50 > SteadyBacklogMs
            ? Invariant($"note:             half the steady state's events waited over {SteadyBacklogMs:0} ms: the pipeline did not keep up with the offered rate on this machine{load}, so the latencies are a backlog's")
            : null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
