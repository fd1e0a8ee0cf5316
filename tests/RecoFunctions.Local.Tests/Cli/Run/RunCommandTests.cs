using System.Text.Json;
using RecoFunctions.Local.Cli.Shared;
using RecoFunctions.Runtime.Tests;
using Xunit.Abstractions;

namespace RecoFunctions.Local.Tests.Cli.Run;

[Collection(RuntimeCollection.Name)]
public sealed class RunCommandTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Run_WithBootstrapUntilIdle_ProcessesTheBacklogAndWritesTheSummary()
    {
        await using var harness = await RuntimeHarness.StartAsync(output);
        var now = DateTimeOffset.UtcNow;
        var events = Enumerable.Range(0, 100).SelectMany(i => new[] { TestEvents.Content($"art-{i}", 1, now), TestEvents.Campaign($"cmp-{i}", 1, now) }).ToList();
        events.Add(TestEvents.MissingEventType(TestEvents.ContentTopic, "art-bad"));
        events.Add(TestEvents.NotJson(TestEvents.CampaignTopic, "cmp-bad"));
        harness.Produce(events);
        harness.Kafka.EnsureTopic(TestEvents.ContentTopic + ".dlq");
        harness.Kafka.EnsureTopic(TestEvents.CampaignTopic + ".dlq");
        var summaryFile = Path.Combine(Path.GetTempPath(), $"reco-run-{Guid.NewGuid():N}.json");

        var run = await CliRun.InvokeAsync(
            ["run", "--bootstrap", harness.BootstrapServers, "--group", "cli", "--until-idle", "500ms", "--summary-json", summaryFile],
            environment: SandboxEnvironment(harness));

        output.WriteLine(run.Error);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("200 delivered", run.Output);
        var json = await File.ReadAllTextAsync(summaryFile);
        File.Delete(summaryFile);
        output.WriteLine(json);
        using var summary = JsonDocument.Parse(json);
        var root = summary.RootElement;
        Assert.Equal(202, root.GetProperty("consumed").GetInt64());
        Assert.Equal(200, root.GetProperty("delivered").GetInt64() + root.GetProperty("stale").GetInt64());
        Assert.Equal(2, root.GetProperty("deadLettered").GetInt64());
        Assert.Equal(1, root.GetProperty("deadLetteredByReason").GetProperty("validate: required").GetInt64());
        Assert.Equal(1, root.GetProperty("deadLetteredByReason").GetProperty("parse: json").GetInt64());
        Assert.Equal(0, root.GetProperty("pending").GetInt64());
        Assert.Equal(harness.BootstrapServers, root.GetProperty("bootstrapServers").GetString());
        Assert.False(root.GetProperty("embedded").GetBoolean());
        Assert.True(root.GetProperty("latencyMs").GetProperty("p99").GetDouble() > 0);
        Assert.True(root.GetProperty("throughputPerSecond").GetDouble() > 0);
        Assert.Equal(harness.EndOffsets(TestEvents.ContentTopic), harness.Committed("cli", TestEvents.ContentTopic));
    }

    [Fact]
    public async Task Run_OnATerminal_RedrawsALiveViewInPlace()
    {
        await using var harness = await RuntimeHarness.StartAsync(output);
        var now = DateTimeOffset.UtcNow;
        harness.Produce(Enumerable.Range(0, 50).Select(i => TestEvents.Content($"art-{i}", 1, now)));

        var run = await CliRun.InvokeAsync(
            ["run", "--bootstrap", harness.BootstrapServers, "--duration", "2500ms"], null, SandboxEnvironment(harness), null, terminal: true, CancellationToken.None);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var frames = run.Output.Split("reco run · ").Length - 1;
        Assert.True(frames >= 2, $"{frames} frames in: {run.Output}");
        Assert.Matches(@"\u001b\[\d+A", run.Output);
        Assert.Contains("delivered 50", run.Output);
        Assert.Matches(@"breakers\s+│ content-api \u001b\[[0-9;]*mClosed", run.Output);
        Assert.DoesNotContain("msg/s; consumed", run.Error);

        // A log line written while the view runs prints above it, and the final frame is drawn below the line.
        var stopped = run.Output.IndexOf("PipelineRuntime[4016] Stopped:", StringComparison.Ordinal);
        Assert.True(stopped >= 0, run.Output);
        Assert.True(run.Output.LastIndexOf("reco run · ", StringComparison.Ordinal) > stopped, run.Output);
    }

    [Fact]
    public async Task Run_OutputRedirected_ReportsProgressAsLogLines()
    {
        await using var harness = await RuntimeHarness.StartAsync(output);

        var run = await CliRun.InvokeAsync(
            ["run", "--bootstrap", harness.BootstrapServers, "--duration", "1500ms"],
            environment: new Dictionary<string, string>(SandboxEnvironment(harness)) { ["Runtime__ReportInterval"] = "00:00:00.300" });

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("RunCommand[4050] 0 msg/s; consumed 0", run.Error);
        Assert.DoesNotContain("\u001b[", run.Output);
    }

    [Fact]
    public async Task Run_NoBootstrapConfigured_RunsOnEmbeddedKafkaAndSandbox()
    {
        var summaryFile = Path.Combine(Path.GetTempPath(), $"reco-run-{Guid.NewGuid():N}.json");

        var run = await CliRun.InvokeAsync(["run", "--until-idle", "200ms", "--summary-json", summaryFile]);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("embedded Kafka at 127.0.0.1:", run.Error);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(summaryFile));
        File.Delete(summaryFile);
        Assert.True(summary.RootElement.GetProperty("embedded").GetBoolean());
        Assert.Equal(0, summary.RootElement.GetProperty("consumed").GetInt64());
    }

    [Fact]
    public async Task Run_BrokerUnreachable_ExitsWithUnavailableNamingTheAddressAndTheConnectTimeout()
    {
        // The deadline only bounds a hang (a start-up that ignored the connect timeout would never end); it measures nothing.
        var run = await CliRun.InvokeAsync(["run", "--bootstrap", "127.0.0.1:1"], environment: new Dictionary<string, string>
        {
            ["Kafka__ConnectTimeout"] = "00:00:02",
        }).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ExitCodes.Unavailable, run.ExitCode);
        Assert.Contains("Kafka at 127.0.0.1:1 did not answer within 2 s (Kafka:ConnectTimeout)", run.Error);
    }

    [Theory]
    [InlineData("Runtime__MaxBatchSize", "0", "Runtime:MaxBatchSize must be between 1 and 10000")]
    [InlineData("Kafka__SessionTimeout", "00:00:00.100", "Kafka:SessionTimeout must be between 00:00:01 and 00:05:00")]
    [InlineData("Runtime__CommitInterval", "soon", "Runtime:CommitInterval")]
    public async Task Run_InvalidConfiguration_ExitsWithUsageNamingTheKey(string variable, string value, string expected)
    {
        var run = await CliRun.InvokeAsync(["run", "--until-idle"], environment: new Dictionary<string, string> { [variable] = value });

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(expected, run.Error);
        Assert.DoesNotContain("embedded Kafka", run.Error);
    }

    [Theory]
    [InlineData("--duration", "soon")]
    [InlineData("--until-idle", "-3")]
    public async Task Run_BadDuration_ExitsWithUsage(string option, string value)
    {
        var run = await CliRun.InvokeAsync(["run", option, value]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains($"{option} {value}: not a duration", run.Error);
    }

    [Fact]
    public async Task Help_Run_DescribesEveryOption()
    {
        var run = await CliRun.InvokeAsync(["run", "--help"]);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        foreach (var option in new[] { "--bootstrap", "--group", "--duration", "--until-idle", "--summary-json", "--no-live" })
        {
            Assert.Contains(option, run.Output);
        }
    }

    internal static Dictionary<string, string> SandboxEnvironment(RuntimeHarness harness) =>
        harness.Sandbox.ServiceConfiguration().ToDictionary(pair => pair.Key.Replace(":", "__", StringComparison.Ordinal), pair => pair.Value ?? string.Empty);
}
