using RecoFunctions.Core.Diagnostics;
using ScottPlot;

namespace RecoFunctions.Local.Bench.Report;

/// <summary>The bench report's charts, drawn with ScottPlot as SVG documents to inline in the page.</summary>
internal static class BenchCharts
{
    private const int Width = 900;
    private const int Height = 420;

    /// <summary>Percentile levels on the latency chart's axis: each step is ten times rarer (HdrHistogram's usual plot).</summary>
    private static readonly (double Nines, string Label)[] PercentileTicks =
        [(0, "0%"), (0.301, "50%"), (1, "90%"), (2, "99%"), (3, "99.9%"), (4, "99.99%"), (5, "99.999%")];

    private static readonly Color[] Palette = [Colors.SteelBlue, Colors.DarkOrange, Colors.SeaGreen, Colors.Crimson];

    /// <summary>Latency against percentile, one line per phase that has a curve; the axis spreads the tail.</summary>
    public static string LatencyPercentiles(IReadOnlyList<PhaseFigures> phases)
    {
        var plot = new Plot();
        var i = 0;
        foreach (var phase in phases.Where(phase => phase.LatencyCurve.Count > 0))
        {
            var points = phase.LatencyCurve.Where(point => point.Percentile < 100).ToList();
            var line = plot.Add.ScatterLine(points.Select(point => Nines(point.Percentile)).ToArray(), points.Select(point => point.Milliseconds).ToArray(), Palette[i++ % Palette.Length]);
            line.LegendText = phase.Name;
            line.LineWidth = 2;
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. PercentileTicks.Select(tick => tick.Nines)], [.. PercentileTicks.Select(tick => tick.Label)]);
        return Svg(plot, "End-to-end latency by percentile", "percentile", "latency (ms)");
    }

    /// <summary>Events finished per second over each pipeline phase's time.</summary>
    public static string Throughput(IReadOnlyList<PhaseFigures> phases) =>
        OverTime(phases, sample => sample.EventsPerSecond, "Throughput over time", "events/s");

    /// <summary>Messages not finished yet over each pipeline phase's time.</summary>
    public static string Lag(IReadOnlyList<PhaseFigures> phases) =>
        OverTime(phases, sample => sample.Lag, "Consumer lag over time", "messages behind");

    /// <summary>Processor time per event of each process, grouped by phase.</summary>
    public static string ProcessorTime(IReadOnlyList<PhaseFigures> phases)
    {
        var plot = new Plot();
        string[] components = ["pipeline / bare consumer", "broker", "sandbox"];
        var bars = new List<Bar>();
        for (var p = 0; p < phases.Count; p++)
        {
            var cpu = phases[p].Cpu;
            double?[] values = [cpu.MicrosecondsPerEvent, cpu.Broker?.MicrosecondsPerEvent, cpu.Sandbox?.MicrosecondsPerEvent];
            for (var c = 0; c < components.Length; c++)
            {
                if (values[c] is { } value)
                {
                    bars.Add(new Bar { Position = (p * (components.Length + 1)) + c, Value = value, FillColor = Palette[c] });
                }
            }
        }

        plot.Add.Bars(bars);
        for (var c = 0; c < components.Length; c++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = components[c], FillColor = Palette[c] });
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. phases.Select((_, p) => (p * (components.Length + 1)) + 1.0)], [.. phases.Select(phase => phase.Name)]);
        plot.Axes.Margins(bottom: 0);
        return Svg(plot, "Processor time per event, by process", "phase", "processor time (µs per event)");
    }

    private static string OverTime(IReadOnlyList<PhaseFigures> phases, Func<TimeSample, double> value, string title, string unit)
    {
        var plot = new Plot();
        var i = 0;
        foreach (var phase in phases.Where(phase => phase.Series.Count > 0))
        {
            var line = plot.Add.ScatterLine(phase.Series.Select(sample => sample.Seconds).ToArray(), phase.Series.Select(value).ToArray(), Palette[i++ % Palette.Length]);
            line.LegendText = phase.Name;
            line.LineWidth = 2;
        }

        return Svg(plot, title, "seconds since the phase started", unit);
    }

    private static double Nines(double percentile) => Math.Log10(100 / Math.Max(100 - percentile, 1e-6));

    private static string Svg(Plot plot, string title, string x, string y)
    {
        plot.Title(title);
        plot.XLabel(x);
        plot.YLabel(y);
        plot.ShowLegend(Alignment.UpperLeft);
        var svg = plot.GetSvgXml(Width, Height);

        // Inline in HTML: the XML declaration has no place there.
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }
}
