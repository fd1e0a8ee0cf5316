using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoFunctions.Functions.Planning;
using RecoFunctions.Functions.Tests.Durable.Host;

namespace RecoFunctions.Functions.Benchmarks;

/// <summary>
/// Runs content batches through the trigger on the in-process engine and prints what the engine did: durable actions
/// (orchestration starts, activity calls, timers, continue-as-new) per 100 messages when healthy and per outage round,
/// orchestrator episode and replay times, and the largest orchestration and activity payloads against the backends'
/// limits. Durable timers run on the wall clock with the test host's millisecond settings; counts do not depend on them.
/// </summary>
internal static class DurableCostBench
{
    /// <summary>DurableTask.AzureStorage offloads a queue message above 45 KiB to a blob (64 KiB queue limit, base64).</summary>
    private const int AzureStorageInlineBytes = 45 * 1024;

    /// <summary>The Durable Task Scheduler's message ceiling (1 MiB) without its large-payload offload.</summary>
    private const int SchedulerMessageBytes = 1024 * 1024;

    public static async Task RunAsync(BenchOptions options, TextWriter output)
    {
        await using var host = await DurableAppHost.StartAsync();

        // Bounds a hang only; the figures are counts and measured times.
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));

        await HealthyAsync(host, options, output, limit.Token);
        await OutageAsync(host, options, output, limit.Token);
        await PayloadsAsync(host, output, limit.Token);
    }

    private static async Task HealthyAsync(DurableAppHost host, BenchOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        host.Reset();
        var watch = Stopwatch.StartNew();
        var instances = new List<string>();
        for (var batch = 0; batch < options.Batches; batch++)
        {
            var records = ContentRecords.Batch(100 + batch, options.BatchSize, largest: false);
            await host.RunContentTriggerAsync(records, cancellationToken);
            instances.Add(OrchestrationInstanceId.For("content", ContentRecords.Topic, 100 + batch, 0, options.BatchSize - 1));
        }

        foreach (var instanceId in instances)
        {
            await host.WaitForResultAsync(instanceId, cancellationToken);
        }

        var elapsed = watch.Elapsed;
        var messages = options.Batches * options.BatchSize;
        var actions = instances.Select(host.Actions.For).ToList();
        output.WriteLine(F($"healthy: {options.Batches} trigger batches of {options.BatchSize} content messages, {host.Sandbox.Recorder.Counts.Applied} applied, {elapsed.TotalSeconds:F1} s wall"));
        PrintActions(output, actions, messages);
        PrintEpisodes(output, actions);
        PrintReplay(output, actions[^1], options.Replays, "healthy batch");
    }

    private static async Task OutageAsync(DurableAppHost host, BenchOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        const int Rounds = 3;
        host.Reset();
        var instanceId = OrchestrationInstanceId.For("content", ContentRecords.Topic, 300, 0, options.BatchSize - 1);
        var rounds = host.WaitForEpisodeAsync(instanceId, actions => actions.ContinuedAsNew >= Rounds, cancellationToken);
        host.Sandbox.Knobs.ContentApi.StartOutage(503);
        await host.RunContentTriggerAsync(ContentRecords.Batch(300, options.BatchSize, largest: false), cancellationToken);
        await rounds;
        var duringOutage = FirstRuns(host.Actions.For(instanceId), Rounds);
        host.Sandbox.Knobs.ContentApi.EndOutage();
        await host.WaitForResultAsync(instanceId, cancellationToken);
        var all = host.Actions.For(instanceId);

        output.WriteLine(F($"outage: content-api answers 503 for {Rounds} runs of one batch of {options.BatchSize} ({DurableAppHost.FastSettings["Workflow:MaxAttemptsPerRun"]} attempts per run), then recovers; {host.Sandbox.Recorder.Counts.Applied} applied"));
        output.WriteLine(F($"  per outage run: {duringOutage.Activities / (double)Rounds:F1} activity calls, {duringOutage.Timers / (double)Rounds:F1} timers, 1 continue-as-new = {(duringOutage.Activities + duringOutage.Timers + Rounds) / (double)Rounds:F1} durable actions per batch"));
        PrintActions(output, [all], options.BatchSize);
        PrintReplay(output, all, options.Replays, "outage batch, last run");
    }

    private static async Task PayloadsAsync(DurableAppHost host, TextWriter output, CancellationToken cancellationToken)
    {
        var orchestration = host.Services.GetRequiredService<IOptions<OrchestrationOptions>>().Value;
        var (maxItems, maxInputBytes) = (orchestration.MaxItemsPerOrchestration, orchestration.MaxInputBytes);
        output.WriteLine(F($"payloads: orchestration inputs are cut at {maxItems} messages or {maxInputBytes:N0} estimated input bytes (Orchestration:MaxItemsPerOrchestration, MaxInputBytes); limits: Azure Storage inline {AzureStorageInlineBytes:N0} B (larger goes to a blob), Durable Task Scheduler {SchedulerMessageBytes:N0} B"));
        var partition = 400;
        foreach (var (count, largest) in new[] { (100, false), (maxItems, false), (maxItems, true) })
        {
            host.Reset();
            var records = ContentRecords.Batch(partition, count, largest);
            var valueBytes = records.Sum(record => (long)record.Value.Length);
            await host.RunContentTriggerAsync(records, cancellationToken);
            var started = host.Actions.Instances.Where(actions => actions.InstanceId.Contains(F($"_{partition}_"), StringComparison.Ordinal)).ToList();
            foreach (var actions in started)
            {
                await host.WaitForResultAsync(actions.InstanceId, cancellationToken);
            }

            var input = started.Max(actions => actions.LargestInputBytes);
            var totalInput = started.Sum(actions => (long)actions.LargestInputBytes);
            var activityInput = started.Max(actions => actions.LargestActivityInputBytes);
            var activityResult = started.Max(actions => actions.LargestActivityResultBytes);
            output.WriteLine(F($"  {count} {(largest ? "largest valid" : "typical")} messages ({valueBytes / count:N0} B each, {valueBytes:N0} B): {started.Count} orchestration(s); largest input {input:N0} B, all inputs {totalInput / (double)valueBytes:F2} x the value bytes ({totalInput / count:N0} B per message), largest activity input {activityInput:N0} B, result {activityResult:N0} B; Azure Storage: {(input > AzureStorageInlineBytes ? "blob" : "inline")}, Scheduler: {(input > SchedulerMessageBytes ? "OVER the limit" : "within")}"));
            partition++;
        }
    }

    private static void PrintActions(TextWriter output, IReadOnlyList<InstanceActions> actions, int messages)
    {
        var starts = actions.Sum(a => a.Starts);
        var activities = actions.Sum(a => a.Activities.Count());
        var timers = actions.Sum(a => a.Timers.Count());
        var continued = actions.Sum(a => a.ContinuedAsNew);
        var total = starts + activities + timers + continued;
        output.WriteLine(F($"  engine: {starts} orchestration starts, {activities} activity calls, {timers} timers, {continued} continue-as-new = {total} durable actions for {messages} messages = {total * 100.0 / messages:F2} per 100 messages"));
    }

    private static void PrintEpisodes(TextWriter output, IReadOnlyList<InstanceActions> actions)
    {
        var episodes = actions.Select(a => a.Episodes).ToList();
        var perBatch = episodes.Select(list => list.Sum(episode => episode.Elapsed.TotalMilliseconds)).Order().ToList();
        output.WriteLine(F($"  orchestrator episodes per batch: {episodes.Average(list => list.Count):F1}; engine time waiting for the worker per batch (all episodes, loopback gRPC included): p50 {perBatch[perBatch.Count / 2]:F2} ms, max {perBatch[^1]:F2} ms; history events per batch: {episodes.Average(list => list[^1].HistoryEvents):F1}"));
    }

    private static void PrintReplay(TextWriter output, InstanceActions actions, int replays, string what)
    {
        var (past, added) = actions.LastEpisodeHistory;
        var (mean, bytes) = ReplayTimer.Measure(actions.InstanceId, past, added, replays);
        output.WriteLine(F($"  replay of the last episode ({what}: {past.Count} past + {added.Count} new events, request {bytes:N0} B) in the worker: {mean.TotalMilliseconds * 1000:F1} us mean over {replays} replays"));
    }

    /// <summary>
    /// Activity calls and timers of the first <paramref name="runs"/> runs. The engine runs a continue-as-new within the
    /// episode that asked for it, so that episode's activities already belong to the next run.
    /// </summary>
    private static (int Activities, int Timers) FirstRuns(InstanceActions actions, int runs)
    {
        int activities = 0, timers = 0, continued = 0;
        foreach (var episode in actions.Episodes)
        {
            if (episode.ContinuedAsNewInputBytes is not null && ++continued == runs)
            {
                break;
            }

            activities += episode.Activities.Count;
            timers += episode.Timers.Count;
        }

        return (activities, timers);
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
