using RecoFunctions.Local.Cli;
using RecoFunctions.Local.Runtime;
using Spectre.Console;
using Spectre.Console.Rendering;

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

    private static IRenderable DeadLetters(RuntimeSnapshot snapshot)
    {
        if (snapshot.DeadLetters.Count == 0)
        {
            return new Markup($"{RunReport.Count(snapshot.DeadLettered)} (none by reason)");
        }

        var reasons = new Table().Border(TableBorder.Simple).AddColumns("flow", "stage", "reason", "count");
        reasons.Columns[3].RightAligned();
        foreach (var count in snapshot.DeadLetters.Take(MaxReasons))
        {
            reasons.AddRow(Markup.Escape(count.Flow), Markup.Escape(count.Stage), Markup.Escape(count.Reason), RunReport.Count(count.Count));
        }

        var more = snapshot.DeadLetters.Count - MaxReasons;
        if (more > 0)
        {
            reasons.AddRow(string.Empty, string.Empty, $"{more} more reasons", string.Empty);
        }

        return new Rows(new Markup($"[bold]{RunReport.Count(snapshot.DeadLettered)}[/] in all"), reasons);
    }
}
