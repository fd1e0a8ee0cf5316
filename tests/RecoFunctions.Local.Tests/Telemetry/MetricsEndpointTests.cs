using System.Text.RegularExpressions;
using RecoFunctions.Local.Cli;
using RecoFunctions.Local.Tests.Cli;
using RecoFunctions.Local.Tests.Cli.Run;
using RecoFunctions.Local.Tests.Runtime;
using RecoFunctions.Local.Tests.Support;
using RecoFunctions.Testing;
using Xunit.Abstractions;
using RecoFunctions.Runtime.Tests;
using RecoFunctions.Local.Cli.Shared;

namespace RecoFunctions.Local.Tests.Telemetry;

/// <summary><c>reco run --metrics-port</c> scraped over HTTP as Prometheus would.</summary>
[Collection(RuntimeCollection.Name)]
public sealed partial class MetricsEndpointTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Run_MetricsPortZero_ServesThePipelinesMetricsForPrometheus()
    {
        await using var harness = await RuntimeHarness.StartAsync(output);
        var now = DateTimeOffset.UtcNow;
        harness.Produce(Enumerable.Range(0, 20).Select(i => TestEvents.Content($"art-{i}", 1, now)));
        harness.Kafka.EnsureTopic(TestEvents.ContentTopic + ".dlq");

        await using var run = RunningCommand.StartWith(
            RunCommandTests.SandboxEnvironment(harness),
            "run", "--bootstrap", harness.BootstrapServers, "--group", "scrape", "--metrics-port", "0", "--no-live");
        await Eventually.WaitUntilAsync(() => ServedAt().IsMatch(run.Error), TimeSpan.FromSeconds(30), "the metrics address");
        var url = new UriBuilder(ServedAt().Match(run.Error).Groups["url"].Value) { Host = "127.0.0.1" }.Uri;

        using var http = new HttpClient();
        var scrape = string.Empty;
        var deadline = DateTime.UtcNow + RuntimeHarness.Timeout;
        // The lag gauge follows the committed offsets, which trail the delivered counter by a commit.
        while (Value(scrape, "reco_runtime_delivered_total", "flow=\"content\"", "outcome=\"delivered\"") != "20"
            || Value(scrape, "reco_runtime_consumer_lag", "flow=\"content\"", "partition=\"0\"", $"topic=\"{TestEvents.ContentTopic}\"") != "0")
        {
            Assert.True(DateTime.UtcNow < deadline, "the scrape never showed the 20 deliveries committed: " + scrape);
            await Task.Delay(100);
            using var response = await http.GetAsync(url);
            scrape = response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : $"HTTP {(int)response.StatusCode}";
        }

        foreach (var line in scrape.Split('\n').Where(line => line.StartsWith("reco_", StringComparison.Ordinal)).Take(40))
        {
            output.WriteLine(line);
        }

        Assert.Equal("20", Value(scrape, "reco_runtime_consumed_total", "flow=\"content\""));
        Assert.Equal("20", Value(scrape, "reco_runtime_latency_seconds_count", "flow=\"content\""));
        Assert.Equal("20", Value(scrape, "reco_runtime_latency_seconds_bucket", "flow=\"content\"", "le=\"+Inf\""));
        Assert.Equal("0", Value(scrape, "reco_runtime_consumer_lag", "flow=\"content\"", "partition=\"0\"", $"topic=\"{TestEvents.ContentTopic}\""));
        Assert.Equal("1", Value(scrape, "reco_breaker_state", "service=\"recommender-api\"", "state=\"closed\""));
        Assert.Equal("0", Value(scrape, "reco_breaker_state", "service=\"recommender-api\"", "state=\"open\""));
        Assert.Equal("0", Value(scrape, "reco_runtime_in_flight"));
        Assert.NotNull(Value(scrape, "reco_service_calls_total", "operation=\"deliveries.batch\"", "result=\"ok\"", "service=\"recommender-api\""));
        Assert.Equal(ExitCodes.Success, await run.StopAsync());
    }

    [Theory]
    [InlineData("http")]
    [InlineData("70000")]
    [InlineData("-1")]
    public async Task Run_MetricsPortNotAPort_FailsNamingTheOption(string port)
    {
        var run = await CliRun.InvokeAsync(["run", "--metrics-port", port]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains($"--metrics-port {port}: not a port number", run.Error);
    }

    /// <summary>The value of the series <paramref name="name"/> with every one of <paramref name="labels"/>; null when absent.</summary>
    private static string? Value(string scrape, string name, params string[] labels) =>
        scrape.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) && labels.All(label => line.Contains(label, StringComparison.Ordinal)))
            .Select(line => line[(line.LastIndexOf(' ') + 1)..].Trim())
            .FirstOrDefault();

    [GeneratedRegex(@"Prometheus metrics at (?<url>\S+)")]
    private static partial Regex ServedAt();
}
