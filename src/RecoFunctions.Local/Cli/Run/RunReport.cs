using System.Globalization;
using RecoFunctions.Core.Diagnostics;
using RecoFunctions.Local.Cli.Shared;
using RecoFunctions.Runtime;

namespace RecoFunctions.Local.Cli.Run;

/// <summary>The figures of a running runtime as text, for the progress log line, the live view and the final summary.</summary>
internal static class RunReport
{
    private const int MaxListed = 4;

    /// <summary>Finished messages per second between two snapshots.</summary>
    public static double Throughput(RuntimeSnapshot current, RuntimeSnapshot previous)
    {
        var seconds = (current.Elapsed - previous.Elapsed).TotalSeconds;
        return seconds <= 0 ? 0 : (current.Finished - previous.Finished) / seconds;
    }

    public static string Rate(double perSecond) => perSecond.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Milliseconds(TimeSpan value) =>
        value.TotalMilliseconds.ToString(value.TotalMilliseconds < 10 ? "0.0" : "#,0", CultureInfo.InvariantCulture) + " ms";

    public static string Lag(RuntimeSnapshot snapshot) =>
        string.Join(", ", snapshot.Lag.Select(flow => $"{flow.Flow} {Count(flow.Lag)}"));

    public static string DeadLetters(RuntimeSnapshot snapshot)
    {
        if (snapshot.DeadLetters.Count == 0)
        {
            return "none";
        }

        var listed = snapshot.DeadLetters.Take(MaxListed).Select(count => $"{count.Flow} {count.Stage} {count.Reason}: {Count(count.Count)}");
        var more = snapshot.DeadLetters.Count - MaxListed;
        return string.Join("; ", listed) + (more > 0 ? $"; {more} more reasons" : string.Empty);
    }

    public static string Breakers(RuntimeSnapshot snapshot) =>
        string.Join(", ", snapshot.Breakers.Select(breaker => breaker.OpenUntil is { } until
            ? $"{breaker.Service} {breaker.State} until {until.ToLocalTime():HH:mm:ss}"
            : $"{breaker.Service} {breaker.State}"));

    public static string Paused(RuntimeSnapshot snapshot)
    {
        if (snapshot.PausedPartitions.Count == 0)
        {
            return "none";
        }

        var listed = string.Join(", ", snapshot.PausedPartitions.Take(MaxListed));
        var more = snapshot.PausedPartitions.Count - MaxListed;
        return more > 0 ? $"{listed} and {more} more" : listed;
    }

    /// <summary>The human-readable end of a run.</summary>
    public static IEnumerable<string> SummaryLines(RunSummary summary)
    {
        var latency = summary.LatencyMs;
        yield return string.Create(CultureInfo.InvariantCulture,
            $"reco run: {summary.DurationSeconds:0.0} s, {Count(summary.Consumed)} consumed, {Count(summary.Delivered)} delivered, {Count(summary.Stale)} stale, " +
            $"{Count(summary.DeadLettered)} dead-lettered, {Count(summary.Pending)} left for redelivery; {Rate(summary.ThroughputPerSecond)} msg/s");
        yield return string.Create(CultureInfo.InvariantCulture,
            $"latency (Kafka timestamp to delivery): p50 {latency.P50:0.0} ms, p95 {latency.P95:0.0} ms, p99 {latency.P99:0.0} ms, max {latency.Max:0.0} ms over {Count(latency.Count)} messages");
        foreach (var deadLetter in summary.DeadLetters)
        {
            yield return $"dead letters: {deadLetter.Flow} {deadLetter.Stage} {deadLetter.Reason}: {Count(deadLetter.Count)}";
        }
    }

    public static LatencyFigures Figures(LatencySummary latency) => new(
        latency.Count,
        Math.Round(latency.P50.TotalMilliseconds, 3),
        Math.Round(latency.P95.TotalMilliseconds, 3),
        Math.Round(latency.P99.TotalMilliseconds, 3),
        Math.Round(latency.Max.TotalMilliseconds, 3));
}
