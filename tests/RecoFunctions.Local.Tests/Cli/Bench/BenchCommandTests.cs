using System.Text.Json;
using RecoFunctions.Local.Cli.Shared;
using RecoFunctions.Runtime.Tests;
using Xunit.Abstractions;

namespace RecoFunctions.Local.Tests.Cli.Bench;

[Collection(RuntimeCollection.Name)]
public sealed class BenchCommandTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Bench_TinySizes_WritesACoherentReportWithNothingLostOrDuplicated()
    {
        var (run, report) = await BenchAsync("--warmup", "0");
        using var disposeReport = report;
        var root = report.RootElement;

        var bare = root.GetProperty("bareConsumer");
        var maxRate = root.GetProperty("pipelineMaxRate");
        var fixedRate = root.GetProperty("pipelineFixedRate");
        Assert.Equal(2000, bare.GetProperty("events").GetInt64());
        Assert.Equal(2000, maxRate.GetProperty("events").GetInt64());
        Assert.Equal(1000, fixedRate.GetProperty("events").GetInt64());
        foreach (var phase in new[] { maxRate, fixedRate })
        {
            Assert.Equal(0, phase.GetProperty("lost").GetInt64());
            Assert.Equal(0, phase.GetProperty("duplicatesApplied").GetInt64());
            Assert.Equal(phase.GetProperty("events").GetInt64(), phase.GetProperty("delivered").GetInt64());
            AssertOrdered(phase.GetProperty("latencyMs"));
            Assert.True(phase.GetProperty("memory").GetProperty("peakWorkingSetMb").GetDouble() > 0);
            Assert.True(phase.GetProperty("cpu").GetProperty("seconds").GetDouble() > 0);
        }

        // The broker and the sandbox run in processes of their own, measured apart from the pipeline's: the fixed-rate
        // phase's 1,000 events go through both.
        var fixedCpu = fixedRate.GetProperty("cpu");
        Assert.True(fixedCpu.GetProperty("broker").GetProperty("seconds").GetDouble() > 0, fixedCpu.ToString());
        Assert.True(fixedCpu.GetProperty("sandbox").GetProperty("seconds").GetDouble() > 0, fixedCpu.ToString());
        Assert.True(fixedCpu.GetProperty("sandbox").GetProperty("microsecondsPerEvent").GetDouble() > 0);
        var calibration = root.GetProperty("calibration");
        Assert.True(calibration.GetProperty("eventsPerSecond").GetDouble() > 0);
        Assert.Equal(2000, calibration.GetProperty("sampleEvents").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("machine").GetProperty("cpuModel").GetString()));
        Assert.Contains(run.Output.Split('\n'), line => line.StartsWith("calibration: ", StringComparison.Ordinal));
        Assert.Contains(run.Output.Split('\n'), line => line.StartsWith("  cpu per event: pipeline ", StringComparison.Ordinal) && line.Contains(", sandbox ", StringComparison.Ordinal));

        var expectedRatio = maxRate.GetProperty("eventsPerSecond").GetDouble() / bare.GetProperty("eventsPerSecond").GetDouble();
        Assert.Equal(expectedRatio, root.GetProperty("ratio").GetDouble(), 3);
        Assert.Equal(Environment.ProcessorCount, root.GetProperty("machine").GetProperty("cores").GetInt32());
        Assert.Equal("2000", root.GetProperty("settings").GetProperty("bench:backlog").GetString());
        var targets = root.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("passed").GetBoolean());
        Assert.Equal(["throughput ratio", "p99 latency", "lost", "duplicates applied", "memory"], targets.Keys);
        Assert.True(targets["lost"]);
        Assert.True(targets["duplicates applied"]);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("warmUp").ValueKind);
        var waits = maxRate.GetProperty("waits");
        Assert.True(waits.GetProperty("batches").GetInt64() > 0, waits.ToString());
        Assert.True(waits.GetProperty("events").GetInt64() > 0, waits.ToString());
        Assert.True(waits.GetProperty("ranSeconds").GetDouble() > 0, waits.ToString());
        var fixedWaits = fixedRate.GetProperty("waits");
        Assert.True(fixedWaits.GetProperty("batches").GetInt64() > 0, fixedWaits.ToString());
        Assert.True(fixedWaits.GetProperty("beforeStartSeconds").GetDouble() > 0, fixedWaits.ToString());
        Assert.Contains(run.Output.Split('\n'), line => line.StartsWith("  waits: deliveries waited for earlier batches of their keys ", StringComparison.Ordinal));
        Assert.Contains(run.Output.Split('\n'), line => line.StartsWith("  batches: ", StringComparison.Ordinal) && line.Contains("Kafka timestamp to its batch's start", StringComparison.Ordinal));
        Assert.Contains("ratio pipeline/bare: ", run.Output);
        Assert.Contains("warm-up: none", run.Output);
        Assert.Contains(run.Output.Split('\n'), line => line.StartsWith("PASS lost: 0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bench_FlowInteractions_ReportsTwoRunsWithNothingLostOrDoubleCounted()
    {
        var run = await CliRun.InvokeAsync(["bench", "--flow", "interactions", "--backlog", "20000"]);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var lines = run.Output.Split('\n');
        Assert.Contains(lines, line => line.StartsWith("reco bench --flow interactions: machine ", StringComparison.Ordinal) && line.Contains("load average", StringComparison.Ordinal));
        Assert.Equal(2, lines.Count(line => line.StartsWith("run ", StringComparison.Ordinal) && line.Contains(" interactions/s (20000 in ", StringComparison.Ordinal)));
        var checks = lines.Where(line => line.StartsWith("  lost ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, checks.Count);
        Assert.All(checks, line => Assert.StartsWith("  lost 0, double-counted 0 over ", line, StringComparison.Ordinal));
        Assert.DoesNotContain(checks, line => line.Contains(" over 0 closed windows", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bench_UnknownFlow_ExitsWithUsage()
    {
        var run = await CliRun.InvokeAsync(["bench", "--flow", "content"]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--flow content", run.Error);
    }

    [Fact]
    public async Task Bench_WarmUp_NoneOfItsEventsCountsInAMeasuredPhase()
    {
        // Warm-up sizes unlike every phase's, so that a warm-up event counted in a phase would show.
        var (run, report) = await BenchAsync("--warmup", "1500");
        using var disposeReport = report;
        var root = report.RootElement;
        var warmUp = root.GetProperty("warmUp");
        Assert.Equal(1500, warmUp.GetProperty("events").GetInt64());
        Assert.Equal(750, warmUp.GetProperty("fixedRateEvents").GetInt64());
        Assert.InRange(warmUp.GetProperty("rounds").GetInt32(), 1, 4);
        Assert.Equal(2000, root.GetProperty("bareConsumer").GetProperty("events").GetInt64());
        foreach (var (name, events) in new[] { ("pipelineMaxRate", 2000L), ("pipelineFixedRate", 1000L) })
        {
            var phase = root.GetProperty(name);
            Assert.Equal(events, phase.GetProperty("events").GetInt64());
            Assert.Equal(events, phase.GetProperty("delivered").GetInt64());

            // What the recommender applied during the phase (a key's older version can arrive after a newer one and count as
            // stale instead): the warm-up's deliveries would add to it.
            Assert.InRange(phase.GetProperty("latencyMs").GetProperty("count").GetInt64(), 1, events);
            Assert.Equal(0, phase.GetProperty("lost").GetInt64());
            Assert.Equal(0, phase.GetProperty("duplicatesApplied").GetInt64());
        }

        Assert.Equal("1500", root.GetProperty("settings").GetProperty("bench:warmup").GetString());
        Assert.Contains(run.Output.Split('\n'), line => line.StartsWith("warm-up: ", StringComparison.Ordinal) && line.Contains("not measured", StringComparison.Ordinal));
        Assert.Contains("reco bench: warm-up round 1", run.Error);
    }

    [Fact]
    public async Task Bench_NegativeWarmUp_IsAUsageError()
    {
        var run = await CliRun.InvokeAsync(["bench", "--warmup", "-1"]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--warmup", run.Error);
    }

    [Fact]
    public async Task Bench_NonPositiveRate_IsAUsageError()
    {
        var run = await CliRun.InvokeAsync(["bench", "--rate", "0"]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--rate", run.Error);
    }

    private static void AssertOrdered(JsonElement latency)
    {
        var p50 = latency.GetProperty("p50").GetDouble();
        var p95 = latency.GetProperty("p95").GetDouble();
        var p99 = latency.GetProperty("p99").GetDouble();
        var max = latency.GetProperty("max").GetDouble();
        Assert.True(latency.GetProperty("count").GetInt64() > 0);
        Assert.True(p50 <= p95 && p95 <= p99 && p99 <= max, $"p50 {p50}, p95 {p95}, p99 {p99}, max {max}");
    }

    /// <summary>Runs a small bench (backlog 2,000, 500 events/s for 2 s) with <paramref name="extra"/> arguments; exit 0 is asserted.</summary>
    private async Task<(CliRun Run, JsonDocument Report)> BenchAsync(params string[] extra)
    {
        var file = Path.Combine(Path.GetTempPath(), $"reco-bench-{Guid.NewGuid():N}.json");
        var run = await CliRun.InvokeAsync(["bench", "--backlog", "2000", "--rate", "500", "--duration", "2s", .. extra, "--out", file]);
        output.WriteLine(run.Output);
        output.WriteLine(run.Error);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var report = JsonDocument.Parse(await File.ReadAllTextAsync(file));
        File.Delete(file);
        return (run, report);
    }
}
