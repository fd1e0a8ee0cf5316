using System.Diagnostics;
using System.Runtime;
using RecoFunctions.Core.Intake;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Local.Workload;

namespace RecoFunctions.Local.Bench;

/// <summary>
/// Measures <see cref="CalibrationFigures"/>: a few hundred milliseconds on one thread, before the phases, with the
/// broker and sandbox idle. Events are counted against the thread's own processor time where Linux tells it
/// (<c>/proc/thread-self/schedstat</c>, nanoseconds), so that other work competing for the cores does not lower the
/// figure; elsewhere against wall-clock time.
/// </summary>
internal static class MachineCalibration
{
    private const string SchedStatPath = "/proc/thread-self/schedstat";
    private const int Rounds = 3;
    private static readonly TimeSpan WarmUpStep = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxWarmUp = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Round = TimeSpan.FromMilliseconds(200);

    public static CalibrationFigures Measure(MessageIntake intake, IReadOnlyList<WorkloadMessage> sample)
    {
        ArgumentNullException.ThrowIfNull(intake);
        ArgumentNullException.ThrowIfNull(sample);
        if (sample.Count == 0)
        {
            throw new ArgumentException("The sample is empty.", nameof(sample));
        }

        // Unmeasured, until the JIT has brought the hot methods to their last tier (a step in which it compiled nothing).
        var warmUp = Stopwatch.StartNew();
        long compiled;
        do
        {
            compiled = JitInfo.GetCompiledMethodCount();
            Run(intake, sample, WarmUpStep);
        }
        while (JitInfo.GetCompiledMethodCount() != compiled && warmUp.Elapsed < MaxWarmUp);

        var best = 0.0;
        for (var round = 0; round < Rounds; round++)
        {
            best = Math.Max(best, Run(intake, sample, Round));
        }

        return new CalibrationFigures(Math.Round(best), Math.Round(1e6 / best, 3), sample.Count, Rounds, Round.TotalMilliseconds, ThreadCpu() is not null);
    }

    /// <returns>Events per second of the thread's processor time (of wall-clock time where that is unknown).</returns>
    private static double Run(MessageIntake intake, IReadOnlyList<WorkloadMessage> sample, TimeSpan duration)
    {
        var events = 0L;
        var valid = 0L;
        var cpuStart = ThreadCpu();
        var started = Stopwatch.GetTimestamp();
        TimeSpan elapsed;
        do
        {
            for (var i = 0; i < sample.Count; i++)
            {
                var message = sample[i];
                if (intake.Accept(message.Flow, new MessageId(message.Flow.Topic, 0, i), message.Value, message.Key, keyKnown: true).IsValid)
                {
                    valid++;
                }
            }

            events += sample.Count;
            elapsed = Stopwatch.GetElapsedTime(started);
        }
        while (elapsed < duration);

        // Read, so that the work cannot be left out.
        GC.KeepAlive(valid);
        var cpu = ThreadCpu() - cpuStart;
        return events / (cpu is { } used && used > TimeSpan.Zero ? used : elapsed).TotalSeconds;
    }

    /// <summary>The current thread's processor time so far, or null where the system does not tell it.</summary>
    private static TimeSpan? ThreadCpu()
    {
        try
        {
            var first = File.ReadAllText(SchedStatPath).Split(' ', 2)[0];
            return long.TryParse(first, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var nanoseconds)
                ? TimeSpan.FromTicks(nanoseconds / 100)
                : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
