using System.Globalization;
using System.Net;
using System.Text;

namespace RecoFunctions.Local.Bench.Report;

/// <summary>
/// <c>reco bench --report FILE.html</c>: the run as one self-contained page (inline SVG charts, no script, nothing
/// fetched), to look at rather than read: latency percentiles per phase, throughput and lag over time, processor time
/// per process; the printed report and the settings below them.
/// </summary>
internal static class BenchHtmlReport
{
    /// <summary>The chart ids, in page order; each is a <c>figure</c> holding one SVG.</summary>
    public static readonly string[] ChartIds = ["latency-percentiles", "throughput", "lag", "processor-time"];

    public static string Render(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        PhaseFigures[] phases = [report.BareConsumer, report.PipelineMaxRate, report.PipelineFixedRate];
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>reco bench · {{Encode(report.StartedAt.ToString("u", CultureInfo.InvariantCulture))}}</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 960px; color: #222; }
            figure { margin: 2em 0; }
            figcaption { color: #555; font-size: 0.9em; }
            pre { background: #f6f6f6; padding: 1em; overflow-x: auto; font-size: 0.8em; }
            table { border-collapse: collapse; font-size: 0.8em; }
            td { padding: 0.1em 0.8em; border-bottom: 1px solid #eee; }
            </style>
            </head>
            <body>
            <h1>reco bench</h1>
            <p>Started {{Encode(report.StartedAt.ToString("u", CultureInfo.InvariantCulture))}} on {{Encode(report.Machine.CpuModel)}} ({{report.Machine.Cores}} cores);
            load average at start {{Encode(report.LoadAverageAtStart ?? "unknown")}}, at end {{Encode(report.LoadAverageAtEnd ?? "unknown")}}.</p>

            """);
        Figure(html, ChartIds[0], BenchCharts.LatencyPercentiles(phases),
            "Produce timestamp to recommender receipt, from the sandbox's HdrHistogram. The fixed-rate phase counts from each event's intended send time (coordinated omission corrected).");
        Figure(html, ChartIds[1], BenchCharts.Throughput(phases), "Events finished per second, sampled once a second (pipeline phases).");
        Figure(html, ChartIds[2], BenchCharts.Lag(phases), "Messages of the phase's topics not finished yet, sampled once a second.");
        Figure(html, ChartIds[3], BenchCharts.ProcessorTime(phases), "Processor time (user and system, all threads) of each process over the phase, per event.");
        html.Append("<h2>Report</h2>\n<pre>");
        html.Append(Encode(string.Join('\n', BenchReportText.Lines(report))));
        html.Append("</pre>\n<h2>Settings</h2>\n<table>\n");
        foreach (var (key, value) in report.Settings.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(key)}</td><td>{Encode(value)}</td></tr>\n");
        }

        html.Append("</table>\n</body>\n</html>\n");
        return html.ToString();
    }

    public static async Task WriteAsync(FileInfo file, BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        await File.WriteAllTextAsync(file.FullName, Render(report), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken).ConfigureAwait(false);
    }

    private static void Figure(StringBuilder html, string id, string svg, string caption) =>
        html.Append(CultureInfo.InvariantCulture, $"<figure id=\"{id}\">\n{svg}\n<figcaption>{Encode(caption)}</figcaption>\n</figure>\n");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
