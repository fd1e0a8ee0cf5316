using RecoFunctions.Local.Cli;
using RecoFunctions.Local.Tests.Cli;
using RecoFunctions.Local.Tests.Cli.Run;
using RecoFunctions.Local.Tests.Runtime;
using Xunit.Abstractions;
using RecoFunctions.Runtime.Tests;
using RecoFunctions.Local.Cli.Shared;

namespace RecoFunctions.Local.Tests.Telemetry;

/// <summary><c>reco run</c> exporting over OTLP as configured by the standard environment variables.</summary>
[Collection(RuntimeCollection.Name)]
public sealed class OtlpExportTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Run_OtlpEndpointConfigured_ExportsTheRecordsTraceAndTheMetricsUnderTheServiceName()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var harness = await RuntimeHarness.StartAsync(output);
        var producer = TracedRecords.NewContext();
        TracedRecords.Produce(harness, TestEvents.Content("art-otlp", 1, DateTimeOffset.UtcNow), producer);
        var environment = RunCommandTests.SandboxEnvironment(harness);
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Url.ToString().TrimEnd('/');
        environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        environment["OTEL_SERVICE_NAME"] = "reco-eu-1";

        var run = await CliRun.InvokeAsync(["run", "--bootstrap", harness.BootstrapServers, "--until-idle", "500ms"], environment: environment);

        output.WriteLine(run.Error);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var traces = receiver.Exports.Where(export => export.Path == "/v1/traces").Select(export => export.Body).ToList();
        var metrics = receiver.Exports.Where(export => export.Path == "/v1/metrics").Select(export => export.Body).ToList();
        Assert.Contains(traces, body => Contains(body, producer.TraceId.ToHexString()) && Contains(body, "reco-eu-1"));
        Assert.Contains(metrics, body => Contains(body, "reco.runtime.consumed"));
    }

    [Fact]
    public async Task Run_OtlpEndpointNotAUrl_FailsNamingTheKey()
    {
        var run = await CliRun.InvokeAsync(["run", "--bootstrap", "127.0.0.1:1"], environment: new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "collector:4317" });

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("OTEL_EXPORTER_OTLP_ENDPOINT is 'collector:4317'", run.Error);
    }

    /// <summary>Protobuf keeps trace ids as 16 raw bytes and names as UTF-8.</summary>
    private static bool Contains(byte[] body, string text)
    {
        var needle = text.Length == 32 && text.All(Uri.IsHexDigit) ? Convert.FromHexString(text) : System.Text.Encoding.UTF8.GetBytes(text);
        return body.AsSpan().IndexOf(needle) >= 0;
    }
}
