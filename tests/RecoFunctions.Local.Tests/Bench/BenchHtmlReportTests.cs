using System.Text.RegularExpressions;
using RecoFunctions.Core.Diagnostics;
using RecoFunctions.Local.Bench;
using RecoFunctions.Local.Bench.Report;
using RecoFunctions.Local.Cli;
using RecoFunctions.Local.Cli.Shared;
using RecoFunctions.Local.Tests.Support;
using RecoFunctions.Testing;

namespace RecoFunctions.Local.Tests.Bench;

/// <summary>The bench's HTML page as a person sees it: opened in a real browser (headless chromium).</summary>
[Trait("Category", "Drill")]
[SkipUnless(typeof(ChromiumInstalled))]
public sealed partial class BenchHtmlReportTests
{
    /// <summary>Where the screenshot of the page is left, for a person to look at.</summary>
    private static readonly string Screenshot = Path.Combine(Path.GetTempPath(), "reco-bench-report.png");

    [ContractFact]
    public async Task Render_OpenedInChromium_EveryChartHasItsData()
    {
        var page = Path.Combine(Path.GetTempPath(), $"reco-bench-report-{Guid.NewGuid():N}.html");
        await BenchHtmlReport.WriteAsync(new FileInfo(page), Report(), CancellationToken.None);
        try
        {
            var dom = await HeadlessChromium.DumpDomAsync(page);

            // Latency: one line per pipeline phase through its curve; throughput and lag: one line per pipeline phase
            // through its samples; processor time: one bar per process measured in each phase (two in the bare phase).
            Assert.Equal(2, Lines(Chart(dom, "latency-percentiles"), minimumPoints: 8));
            Assert.Equal(2, Lines(Chart(dom, "throughput"), minimumPoints: SampleCount));
            Assert.Equal(2, Lines(Chart(dom, "lag"), minimumPoints: SampleCount));
            Assert.Equal(8, Bars(Chart(dom, "processor-time")));
            Assert.Contains("pipeline-fixed-rate: 20,000 events", dom);

            await HeadlessChromium.ScreenshotAsync(page, Screenshot, width: 1000, height: 2000);
            Assert.True(new FileInfo(Screenshot).Length > 10_000, "the screenshot is (nearly) empty");
        }
        finally
        {
            File.Delete(page);
        }
    }

    [Fact]
    public void Render_SelfContained_FetchesNothing()
    {
        var html = BenchHtmlReport.Render(Report());

        Assert.DoesNotMatch(@"<(script|link|img|iframe)\b", html);
        Assert.DoesNotMatch(@"(src|href)\s*=\s*""(https?:)?//", html);
        Assert.All(BenchHtmlReport.ChartIds, id => Assert.Contains($"<figure id=\"{id}\">\n<svg", html));
    }

    private const int SampleCount = 12;

    private static string Chart(string dom, string id)
    {
        var match = Regex.Match(dom, $"<figure id=\"{id}\">(.*?)</figure>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no chart {id} on the page");
        return match.Groups[1].Value;
    }

    /// <summary>Drawn lines (one move, then a segment per further point) of at least <paramref name="minimumPoints"/> points.</summary>
    private static int Lines(string svg, int minimumPoints) =>
        PathData().Matches(svg).Count(path =>
        {
            var data = path.Groups[1].Value;
            return data.Count(c => c == 'M') == 1 && data.Count(c => c == 'L') >= minimumPoints - 1 && path.Value.Contains("stroke-width=\"2\"", StringComparison.Ordinal);
        });

    /// <summary>Filled bars of non-zero height, legend swatches (20 wide) aside.</summary>
    private static int Bars(string svg) =>
        BarRect().Matches(svg).Count(bar => bar.Groups[1].Value != "20" && double.Parse(bar.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) > 0);

    [GeneratedRegex("<path[^>]*d=\"([^\"]*)\"[^>]*>")]
    private static partial Regex PathData();

    [GeneratedRegex("<rect fill=\"#(?:4682B4|FF8C00|2E8B57)\"[^>]*width=\"([0-9.]+)\" height=\"([0-9.]+)\"")]
    private static partial Regex BarRect();

    private static BenchReport Report()
    {
        var curve = (double scale) => (IReadOnlyList<PercentilePoint>)[.. Enumerable.Range(0, 20).Select(i => new PercentilePoint(100 - (100 / Math.Pow(2, i / 2.0)), scale * (1 + i)))];
        var series = (double rate) => (IReadOnlyList<TimeSample>)[.. Enumerable.Range(1, SampleCount).Select(s => new TimeSample(s, rate + (s * 10), 1000 - (s * 50), 40))];
        var cpu = new CpuFigures(1.5, 0.9, 30, new ProcessCpu(0.2, 0.1, 4), new ProcessCpu(0.5, 0.3, 12), 1.8, 0.2, 100, 40);
        var memory = new MemoryFigures(150, 60, 500);
        var bare = new PhaseFigures("bare-consumer", 100_000, 1, 100_000, null, null, memory, cpu with { Sandbox = null }, null, null, null, null);
        var maxRate = new PhaseFigures("pipeline-max-rate", 100_000, 4, 25_000, null, new LatencyFigures(100_000, 20, 40, 60, 90), memory, cpu, 100_000, 0, 0, 0)
        {
            LatencyCurve = curve(10),
            Series = series(25_000),
        };
        var fixedRate = new PhaseFigures("pipeline-fixed-rate", 20_000, 10, 2_000, 2_000, new LatencyFigures(20_000, 5, 8, 12, 30), memory, cpu, 20_000, 0, 0, 0)
        {
            LatencyCurve = curve(1),
            Series = series(2_000),
        };
        return new BenchReport(
            DateTimeOffset.UnixEpoch,
            new MachineInfo("test cpu", 2, "Linux", "X64", ".NET 10", true, true, "Release"),
            new CalibrationFigures(60_000, 16, 2000, 3, 200, true),
            new Dictionary<string, string> { ["bench:kafka"] = "embedded", ["bench:partitionsPerTopic"] = "8" },
            40_000,
            null,
            bare,
            maxRate,
            fixedRate,
            0.25,
            [new TargetResult("lost", "0", "0", true)],
            "1.00 1.00 1.00",
            "1.00 1.00 1.00");
    }
}
