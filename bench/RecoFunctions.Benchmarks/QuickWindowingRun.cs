using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Windowing;

namespace RecoFunctions.Benchmarks;

/// <summary>
/// Aggregation alone, one partition on one thread: validated interactions go through <see cref="InteractionPartition"/>
/// (windows, closing, user-state encoding, an in-memory save) in batches of 500, with the default windows. Two streams:
/// <c>spread</c>, 20,000 users picked at random for every event, event time 50 ms apart (the worst case for per-user state:
/// nearly every event and every window close rewrites a user); <c>sessions</c>, 1,000 users active at a time in sessions
/// of 20 events, event time 10 ms apart. Windows of every size close during the runs.
/// </summary>
internal static class QuickWindowingRun
{
    private const int BatchSize = 500;
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(int events, TextWriter output)
    {
        output.WriteLine(MachineLine());
        foreach (var (name, stream) in new[] { ("spread", Generate(events, 20_000, int.MaxValue, 50)), ("sessions", Generate(events, 1_000, 20, 10)) })
        {
            await MeasureAsync(stream[..(events / 10)], null);
            for (var run = 1; run <= 2; run++)
            {
                output.WriteLine($"{name,-8} {await MeasureAsync(stream, run)}");
            }

            output.WriteLine($"{name,-8} {Phases(stream)}");
        }


        return 0;
    }

    private static async Task<string> MeasureAsync(OffsetEvent[] stream, int? run)
    {
        var publisher = new CountingPublisher();
        var store = new InMemoryWindowStateStore();
        var partition = await InteractionPartition.OpenAsync("ua.interactions.v1", 0, store, publisher, new WindowingOptions(), TimeProvider.System, CancellationToken.None);
        long added = 0, duplicates = 0, rejected = 0;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        for (var offset = 0; offset < stream.Length; offset += BatchSize)
        {
            var batch = new ArraySegment<OffsetEvent>(stream, offset, Math.Min(BatchSize, stream.Length - offset));
            var result = await partition.ProcessAsync(batch, offset + batch.Count, CancellationToken.None);
            added += result.Added;
            duplicates += result.Duplicates;
            rejected += result.Rejected.Count;
        }

        stopwatch.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        return string.Create(CultureInfo.InvariantCulture,
            $"run {run}: {stream.Length / stopwatch.Elapsed.TotalSeconds,12:N0} events/s ({stream.Length / cpu.TotalSeconds:N0} per process CPU second, GC included)   {allocated / (double)stream.Length,8:N0} B allocated/event   " +
            $"events {stream.Length:N0} added {added:N0} duplicates {duplicates:N0} rejected {rejected:N0}   windows closed {publisher.Windows:N0}   users open {partition.UserCount:N0}   {stopwatch.Elapsed.TotalSeconds:F2} s wall, {cpu.TotalSeconds:F2} s CPU, {GC.CollectionCount(2)} gen2 collections so far");
    }

    /// <summary>Where the time goes: adding events, closing windows, encoding the changed users' state.</summary>
    private static string Phases(OffsetEvent[] stream)
    {
        var options = new WindowingOptions();
        var windows = new PartitionWindows(WindowSet.From(options), options.AllowedLateness);
        var add = new Stopwatch();
        var close = new Stopwatch();
        var encode = new Stopwatch();
        for (var offset = 0; offset < stream.Length; offset += BatchSize)
        {
            add.Start();
            for (var i = offset; i < Math.Min(offset + BatchSize, stream.Length); i++)
            {
                windows.Add(stream[i].Event);
            }

            add.Stop();
            close.Start();
            windows.TakeClosed();
            close.Stop();
            encode.Start();
            windows.TakeChanges(offset);
            encode.Stop();
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"phases (ns/event): add {add.Elapsed.TotalNanoseconds / stream.Length:N0}   close {close.Elapsed.TotalNanoseconds / stream.Length:N0}   encode {encode.Elapsed.TotalNanoseconds / stream.Length:N0}");
    }

    /// <summary>
    /// <paramref name="activeUsers"/> users at a time, each for <paramref name="sessionLength"/> events before a new user takes
    /// its place; event time <paramref name="stepMs"/> apart and jittered up to 20 s back; one event in fifty a duplicate.
    /// </summary>
    private static OffsetEvent[] Generate(int count, int activeUsers, int sessionLength, int stepMs)
    {
        var random = new Random(42);
        var kinds = Enum.GetValues<InteractionKind>();
        var sessions = Enumerable.Range(0, activeUsers).Select(user => (User: $"user-{user:D7}", Left: sessionLength)).ToArray();
        var nextUser = activeUsers;
        var stream = new OffsetEvent[count];
        for (var i = 0; i < count; i++)
        {
            if (i > 0 && random.Next(50) == 0)
            {
                stream[i] = stream[i - 1] with { Offset = i };
                continue;
            }

            var slot = random.Next(activeUsers);
            if (sessions[slot].Left == 0)
            {
                sessions[slot] = ($"user-{nextUser++:D7}", sessionLength);
            }

            sessions[slot].Left--;
            var time = Start.AddMilliseconds(((long)stepMs * i) - random.Next(20_000));
            var kind = kinds[random.Next(kinds.Length)];
            var interaction = new InteractionEvent(
                $"evt-{i:D10}", kind, time, sessions[slot].User, $"content-{random.Next(5_000):D5}", kind == InteractionKind.Dwell ? random.Next(100, 120_000) : null);
            stream[i] = new OffsetEvent(i, interaction);
        }

        return stream;
    }

    private static string MachineLine()
    {
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
        return string.Create(CultureInfo.InvariantCulture,
            $"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, load average {load}");
    }

    private sealed class CountingPublisher : IClosedWindowPublisher
    {
        public long Windows { get; private set; }

        public Task PublishAsync(IReadOnlyList<ClosedWindow> windows, CancellationToken cancellationToken)
        {
            Windows += windows.Count;
            return Task.CompletedTask;
        }
    }
}
