using RecoFunctions.Local.Cli.Shared;
using RecoFunctions.Runtime;

namespace RecoFunctions.Local.Cli.Run;

/// <summary>
/// The final figures of <c>reco run</c> (<c>--summary-json</c>). <see cref="Pending"/> counts messages consumed but not
/// finished when the run ended: they were not committed and are redelivered to the next run.
/// </summary>
internal sealed record RunSummary(
    string BootstrapServers,
    string Group,
    bool Embedded,
    bool Aborted,
    double DurationSeconds,
    long Consumed,
    long Delivered,
    long Stale,
    long DeadLettered,
    IReadOnlyDictionary<string, long> DeadLetteredByReason,
    IReadOnlyList<DeadLetterCount> DeadLetters,
    long Pending,
    long Retries,
    double ThroughputPerSecond,
    LatencyFigures LatencyMs)
{
    public static RunSummary From(PipelineRuntime runtime, RuntimeSnapshot snapshot, bool embedded, bool aborted)
    {
        var seconds = snapshot.Elapsed.TotalSeconds;
        var byReason = snapshot.DeadLetters
            .GroupBy(count => $"{count.Stage}: {count.Reason}", StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Sum(count => count.Count), StringComparer.Ordinal);
        return new RunSummary(
            runtime.BootstrapServers,
            runtime.GroupId,
            embedded,
            aborted,
            Math.Round(seconds, 3),
            snapshot.Consumed,
            snapshot.Delivered,
            snapshot.Stale,
            snapshot.DeadLettered,
            byReason,
            snapshot.DeadLetters,
            Math.Max(0, snapshot.Consumed - snapshot.Finished),
            snapshot.Retries,
            seconds > 0 ? Math.Round(snapshot.Finished / seconds, 1) : 0,
            RunReport.Figures(snapshot.Latency));
    }
}
