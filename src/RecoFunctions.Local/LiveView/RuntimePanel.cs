using RecoFunctions.Local.Cli;
using RecoFunctions.Runtime;
using Spectre.Console;
using Spectre.Console.Rendering;
using RecoFunctions.Local.Cli.Run;

namespace RecoFunctions.Local.LiveView;

/// <summary>A running runtime as a Spectre.Console table: rate, lag, latency, in flight, breakers, dead letters by reason.</summary>
internal static class RuntimePanel
{
    private const int MaxReasons = 6;

    public static IRenderable Render(string header, RuntimeSnapshot snapshot, double throughput)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var recent = snapshot.RecentLatency;
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title($"{Markup.Escape(header)} · up {snapshot.Elapsed:hh\\:mm\\:ss}")
            .HideHeaders()
            .AddColumn(new TableColumn(string.Empty).NoWrap())
            .AddColumn(new TableColumn(string.Empty));
        Row(table, "rate", $"[bold]{RunReport.Rate(throughput)}[/] msg/s   consumed {RunReport.Count(snapshot.Consumed)}   delivered {RunReport.Count(snapshot.Delivered)}   stale {RunReport.Count(snapshot.Stale)}");
        Row(table, "lag", Markup.Escape(snapshot.Lag.Count == 0 ? "no partitions yet" : RunReport.Lag(snapshot)));
        Row(table, "latency", $"p50 [bold]{RunReport.Milliseconds(recent.P50)}[/]   p99 [bold]{RunReport.Milliseconds(recent.P99)}[/]   (since start: p50 {RunReport.Milliseconds(snapshot.Latency.P50)}, p99 {RunReport.Milliseconds(snapshot.Latency.P99)}, max {RunReport.Milliseconds(snapshot.Latency.Max)})");
        Row(table, "in flight", $"{RunReport.Count(snapshot.InFlight)}   pending {RunReport.Count(snapshot.Pending)}   retries {RunReport.Count(snapshot.Retries)}");
        Row(table, "breakers", Breakers(snapshot));
        Row(table, "partitions", $"{snapshot.AssignedPartitions.Count} assigned, paused: {Markup.Escape(RunReport.Paused(snapshot))}");
        table.AddRow(new Markup("dead letters"), DeadLetters(snapshot));
        return table;
    }

    private static void Row(Table table, string label, string markup) => table.AddRow(new Markup(label), new Markup(markup));

    private static string Breakers(RuntimeSnapshot snapshot) => snapshot.Breakers.Count == 0
        ? "none"
        : string.Join("  ", snapshot.Breakers.Select(breaker =>
        {
            var colour = breaker.State switch
            {
                "Closed" => "green",
                "HalfOpen" => "yellow",
                _ => "red",
            };
            var until = breaker.OpenUntil is { } at ? $" until {at.ToLocalTime():HH:mm:ss}" : string.Empty;
            return $"{Markup.Escape(breaker.Service)} [{colour}]{Markup.Escape(breaker.State)}[/]{until}";
        }));

    /// <summary>The total, then one line per reason (the most frequent first); plain lines keep the frame's height exact.</summary>
    private static IRenderable DeadLetters(RuntimeSnapshot snapshot)
    {
        var lines = new List<string> { $"[bold]{RunReport.Count(snapshot.DeadLettered)}[/] in all" };
        lines.AddRange(snapshot.DeadLetters.Take(MaxReasons).Select(count =>
            $"{RunReport.Count(count.Count),7}  {Markup.Escape(count.Flow)} {Markup.Escape(count.Stage)}: {Markup.Escape(count.Reason)}"));
        var more = snapshot.DeadLetters.Count - MaxReasons;
        if (more > 0)
        {
            lines.Add($"         {more} more reasons");
        }

        return new Markup(string.Join('\n', lines));
    }
}
