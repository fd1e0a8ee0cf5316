using System.Text.Json;
using RecoFunctions.Local.Tests.Support;

namespace RecoFunctions.Local.Tests.Cli.Audit;

public sealed class AuditCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("reco-audit-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Audit_AfterACompleteRun_PassesWithZero()
    {
        await using var bench = await AuditBench.StartAsync();
        var manifest = await ProduceAsync(bench);
        await new PipelineSimulator(bench.Kafka.BootstrapServers, bench.Sandbox, AuditBench.Pipeline).RunAsync();

        var run = await AuditAsync(bench, manifest);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("lost 0", run.Output, StringComparison.Ordinal);
        Assert.Contains("audit: PASSED", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_MessageLost_ExitsOneAndReportsItAsJson()
    {
        await using var bench = await AuditBench.StartAsync();
        var manifest = await ProduceAsync(bench);
        var dropped = 0;
        await new PipelineSimulator(bench.Kafka.BootstrapServers, bench.Sandbox, AuditBench.Pipeline)
        {
            // The first valid campaign event: nothing else carries its (key, version).
            Drop = e => e is RecoFunctions.Core.Domain.CampaignEvent && Interlocked.Exchange(ref dropped, 1) == 0,
        }.RunAsync();

        var run = await AuditAsync(bench, manifest, "--json");

        Assert.Equal(1, run.ExitCode);
        var report = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(1, report.GetProperty("lost").GetInt64());
        Assert.False(report.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public async Task Audit_UnreadableManifest_UsageExit()
    {
        var path = Path.Combine(_directory, "broken.json");
        await File.WriteAllTextAsync(path, "{ nope");

        var run = await CliRun.InvokeAsync(["audit", "--manifest", path, "--bootstrap", "127.0.0.1:9"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not a workload manifest", run.Error, StringComparison.Ordinal);
    }

    private async Task<string> ProduceAsync(AuditBench bench)
    {
        var manifest = Path.Combine(_directory, "manifest.json");
        var produce = await CliRun.InvokeAsync(["produce", "--bootstrap", bench.Kafka.BootstrapServers, "--count", "400", "--keys", "25", "--seed", "21",
            "--duplicate-share", "0", "--manifest", manifest]);
        Assert.True(produce.ExitCode == 0, produce.Error);
        return manifest;
    }

    private static Task<CliRun> AuditAsync(AuditBench bench, string manifest, params string[] more) =>
        CliRun.InvokeAsync(["audit", "--manifest", manifest, "--bootstrap", bench.Kafka.BootstrapServers, "--sandbox", bench.Sandbox.BaseUrl.ToString(), .. more]);
}
