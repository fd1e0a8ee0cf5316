using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Intake;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Core.Windowing;
using RecoFunctions.Local.Workload;

namespace RecoFunctions.Local.Bench.Interactions;

/// <summary>
/// <c>reco bench --flow interactions</c>: the interactions flow's own work in this process, without Kafka or services:
/// parse, validate, pseudonymise (intake) and aggregate (the partitions' windows, their state saved per batch to an
/// in-memory store), partitions side by side on the machine's cores. A generated stream with invalid, duplicate,
/// out-of-order and late interactions is processed twice; every closed window is then checked against a plain reference
/// count, so that the figure comes with "lost 0, double-counted 0" or says what differed.
/// </summary>
internal sealed class InteractionBench(MessageIntake intake, PipelineOptions pipeline, FlowDefinition flow, WindowingOptions options, TextWriter output)
{
    private const int BatchSize = 500;

    public async Task<bool> RunAsync(long count, int partitions, int runs, CancellationToken cancellationToken)
    {
        var machine = MachineInfo.Current();
        await output.WriteLineAsync(Line($"reco bench --flow interactions: machine {machine.CpuModel}, {machine.Cores} cores, {machine.Os}, {machine.Runtime}, {machine.Configuration}, server GC {machine.ServerGc}; load average {MachineLoad.LoadAverage() ?? "unknown"}")).ConfigureAwait(false);
        var input = Generate(count, partitions);
        await output.WriteLineAsync(Line($"stream: {count} interactions ({input.Sum(p => p.Count)} records) over {partitions} partitions; 2 % invalid, 2 % duplicates, 2 % out of order, 1 % late; windows {string.Join(", ", options.Windows.Select(w => w.Name))}, allowed lateness {options.AllowedLateness}")).ConfigureAwait(false);
        var passed = true;
        for (var run = 1; run <= runs; run++)
        {
            var result = await RunOnceAsync(input, cancellationToken).ConfigureAwait(false);
            var (checkedWindows, lost, doubled) = Check(input, result.Published);
            passed &= lost == 0 && doubled == 0;
            var rate = result.Records / result.Elapsed.TotalSeconds;
            await output.WriteLineAsync(Line($"run {run}{(run == 1 ? " (the first: JIT compilation included)" : string.Empty)}: {rate:0} interactions/s ({result.Records} in {result.Elapsed.TotalSeconds:0.000} s; parse, validate, pseudonymise, aggregate, state saved per {BatchSize}); this process used {result.Cpu.TotalSeconds:0.000} s of CPU, {result.Records / result.Cpu.TotalSeconds:0} interactions per CPU-second")).ConfigureAwait(false);
            await output.WriteLineAsync(Line($"  added {result.Added}, duplicates {result.Duplicates}, late {result.Late}, invalid {result.Invalid}; closed windows {result.Published.Count}")).ConfigureAwait(false);
            await output.WriteLineAsync(Line($"  lost {lost}, double-counted {doubled} over {checkedWindows} closed windows (checked against a plain count); load average {MachineLoad.LoadAverage() ?? "unknown"}")).ConfigureAwait(false);
        }

        return passed;
    }

    private List<List<(long Offset, string Key, byte[] Value)>> Generate(long count, int partitions)
    {
        var spec = new WorkloadSpec
        {
            Count = count,
            Flows = WorkloadFlows.Interactions,
            Keys = WorkloadSpec.Default.Keys,
            Seed = 42,
            InvalidShare = 0.02,
            DuplicateShare = 0.02,
            OutOfOrderShare = 0.02,
            LateShare = 0.01,
            HostileShare = 0,
            MissingShare = 0,
        };
        var generator = new WorkloadGenerator(spec, pipeline);
        var input = Enumerable.Range(0, partitions).Select(_ => new List<(long, string, byte[])>()).ToList();
        foreach (var message in generator.Generate())
        {
            var key = message.Key ?? string.Empty;
            var partition = input[(int)(Hash(key) % (uint)partitions)];
            partition.Add((partition.Count, key, message.Value ?? []));
        }

        return input;
    }

    /// <summary>FNV-1a of the key: a stable partition per user, as a producer's key partitioning gives.</summary>
    private static uint Hash(string key)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }

    private async Task<RunResult> RunOnceAsync(List<List<(long Offset, string Key, byte[] Value)>> input, CancellationToken cancellationToken)
    {
        var published = new ConcurrentBag<ClosedWindow>();
        long added = 0, duplicates = 0, late = 0, invalid = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, input.Count), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, async (p, token) =>
        {
            var publisher = new CollectingPublisher(published);
            var partition = await InteractionPartition.OpenAsync(flow.Topic, p, new InMemoryWindowStateStore(), publisher, options, TimeProvider.System, token).ConfigureAwait(false);
            var records = input[p];
            for (var from = 0; from < records.Count; from += BatchSize)
            {
                var events = new List<OffsetEvent>(BatchSize);
                var to = Math.Min(records.Count, from + BatchSize);
                for (var i = from; i < to; i++)
                {
                    var (offset, key, value) = records[i];
                    if (intake.Accept(flow, new MessageId(flow.Topic, p, offset), value, key, keyKnown: true).Event is InteractionEvent interaction)
                    {
                        events.Add(new OffsetEvent(offset, interaction));
                    }
                    else
                    {
                        Interlocked.Increment(ref invalid);
                    }
                }

                var result = await partition.ProcessAsync(events, to, (rejected, _) =>
                {
                    Interlocked.Add(ref late, rejected.Count);
                    return Task.CompletedTask;
                }, token).ConfigureAwait(false);
                Interlocked.Add(ref added, result.Added);
                Interlocked.Add(ref duplicates, result.Duplicates);
            }
        }).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        return new RunResult(input.Sum(p => (long)p.Count), elapsed, cpuUsed, added, duplicates, late, invalid, [.. published]);
    }

    /// <summary>Every closed window the reference knows, against what was published: events missing, and events counted more than once.</summary>
    private (int Windows, long Lost, long Doubled) Check(List<List<(long Offset, string Key, byte[] Value)>> input, IReadOnlyList<ClosedWindow> published)
    {
        var expected = new Dictionary<(string User, string Window, long Start), int>();
        for (var p = 0; p < input.Count; p++)
        {
            var reference = new WindowReference(options);
            foreach (var (offset, key, value) in input[p])
            {
                if (intake.Accept(flow, new MessageId(flow.Topic, p, offset), value, key, keyKnown: true).Event is InteractionEvent interaction)
                {
                    reference.Add(interaction);
                }
            }

            foreach (var (window, events) in reference.Closed())
            {
                expected[window] = events;
            }
        }

        long lost = 0, doubled = 0;
        var seen = new HashSet<(string, string, long)>();
        foreach (var window in published)
        {
            var key = (window.UserKey, window.Window, window.Start.UtcTicks);
            var want = expected.GetValueOrDefault(key);
            if (!seen.Add(key))
            {
                doubled += window.Events;
                continue;
            }

            lost += Math.Max(0, want - window.Events);
            doubled += Math.Max(0, window.Events - want);
        }

        lost += expected.Where(pair => !seen.Contains(pair.Key)).Sum(pair => (long)pair.Value);
        return (expected.Count, lost, doubled);
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record RunResult(long Records, TimeSpan Elapsed, TimeSpan Cpu, long Added, long Duplicates, long Late, long Invalid, IReadOnlyList<ClosedWindow> Published);

    private sealed class CollectingPublisher(ConcurrentBag<ClosedWindow> published) : IClosedWindowPublisher
    {
        public Task PublishAsync(IReadOnlyList<ClosedWindow> windows, CancellationToken cancellationToken)
        {
            foreach (var window in windows)
            {
                published.Add(window);
            }

            return Task.CompletedTask;
        }
    }
}
