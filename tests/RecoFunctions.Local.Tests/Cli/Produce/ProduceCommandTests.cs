using System.Text;
using RecoFunctions.Local.Accounting;
using RecoFunctions.Runtime.Kafka;
using RecoFunctions.Local.Tests.Support;
using RecoFunctions.Local.Workload;

namespace RecoFunctions.Local.Tests.Cli.Produce;

public sealed class ProduceCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("reco-produce-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Produce_NoBroker_ExplainsHowToGiveOne()
    {
        var run = await CliRun.InvokeAsync(["produce", "--count", "10"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--bootstrap", run.Error, StringComparison.Ordinal);
        Assert.Contains("Kafka:BootstrapServers", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Produce_DryRun_PrintsTheGenerationRate()
    {
        var run = await CliRun.InvokeAsync(["produce", "--dry-run", "--count", "2000", "--seed", "9"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^generated 2000 messages \(.+ MB\) in .+ s on one thread: \d+ messages/s", run.Output);
        Assert.Contains("dry run, nothing sent", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--invalid-share", "0.9", "--hostile-share", "0.2" }, "must not exceed 1")]
    [InlineData(new[] { "--keys", "0" }, "--keys must be at least 1")]
    [InlineData(new[] { "--flow", "orders" }, "--flow orders")]
    [InlineData(new[] { "--dry-run", "--manifest", "m.json" }, "--dry-run only generates")]
    [InlineData(new[] { "--flow", "content", "--late-share", "0.1" }, "--late-share applies to --flow interactions only")]
    [InlineData(new[] { "--flow", "interactions", "--event-spacing", "0" }, "--event-spacing must lie between")]
    public async Task Produce_BadArguments_UsageExitNamingTheOption(string[] arguments, string message)
    {
        var run = await CliRun.InvokeAsync(["produce", "--bootstrap", "127.0.0.1:9", .. arguments]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Produce_ToEmbeddedKafka_SendsEverythingAndWritesTheManifest()
    {
        using var kafka = StartKafka();
        var manifestPath = Path.Combine(_directory, "manifest.json");

        var run = await CliRun.InvokeAsync(["produce", "--bootstrap", kafka.BootstrapServers, "--count", "800", "--keys", "30", "--seed", "3", "--rate", "4000", "--manifest", manifestPath]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("sent 800 of 800 messages", run.Error, StringComparison.Ordinal);
        Assert.Contains("content (oicms.content.v1)", run.Error, StringComparison.Ordinal);
        var manifest = await WorkloadManifest.LoadAsync(manifestPath, CancellationToken.None);
        Assert.Equal(800, manifest.Produced);
        Assert.Equal(3, manifest.Seed);
        Assert.Equal(800, TopicReader.ReadAll(kafka.BootstrapServers, [.. manifest.Flows.Select(flow => flow.Topic)]).Count);
    }

    [Fact]
    public async Task Produce_File_ReplaysEachLineKeyedByItsId()
    {
        using var kafka = StartKafka();
        var samples = Path.Combine(AppContext.BaseDirectory, "samples", "campaign.valid.jsonl");
        var lines = File.ReadAllLines(samples).Where(line => line.Length > 0).ToArray();
        var manifestPath = Path.Combine(_directory, "manifest.json");

        var run = await CliRun.InvokeAsync(["produce", "--bootstrap", kafka.BootstrapServers, "--file", samples, "--flow", "campaign", "--manifest", manifestPath]);

        Assert.True(run.ExitCode == 0, run.Error);
        var flow = Assert.Single((await WorkloadManifest.LoadAsync(manifestPath, CancellationToken.None)).Flows);
        Assert.Equal(lines.Length, flow.Produced);
        Assert.Equal(lines.Length, flow.CountOf(MessageFate.Valid));
        var records = TopicReader.ReadAll(kafka.BootstrapServers, flow.Topic);
        Assert.All(records, record =>
        {
            var key = Encoding.UTF8.GetString(record.Message.Key!);
            Assert.Contains($"\"campaignId\":\"{key}\"", Encoding.UTF8.GetString(record.Message.Value!), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Produce_Interactions_SessionsWithLateEventsKeyedByUser()
    {
        using var kafka = StartKafka();
        var manifestPath = Path.Combine(_directory, "manifest.json");

        var run = await CliRun.InvokeAsync(["produce", "--bootstrap", kafka.BootstrapServers, "--flow", "interactions", "--count", "600", "--keys", "40", "--late-share", "0.05", "--manifest", manifestPath]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("interactions (ua.interactions.v1): 600 sent", run.Error, StringComparison.Ordinal);
        Assert.Matches(@"\d+ at window \(late\)", run.Error);
        var flow = Assert.Single((await WorkloadManifest.LoadAsync(manifestPath, CancellationToken.None)).Flows);
        Assert.True(flow.CountOf(MessageCategory.Late) > 0);
        Assert.All(flow.ExpectedDeadLetters.Where(expected => expected.Category == MessageCategory.Late), expected => Assert.Equal(("window", "late"), (expected.Stage, expected.Rule)));
        Assert.Equal(600, TopicReader.ReadAll(kafka.BootstrapServers, flow.Topic).Count);
    }

    [Fact]
    public async Task Produce_InteractionsFile_ReplaysEachLineKeyedByItsUserId()
    {
        using var kafka = StartKafka();
        var samples = Path.Combine(AppContext.BaseDirectory, "samples", "interactions.valid.jsonl");
        var lines = File.ReadAllLines(samples).Where(line => line.Length > 0).ToArray();

        var run = await CliRun.InvokeAsync(["produce", "--bootstrap", kafka.BootstrapServers, "--file", samples, "--flow", "interactions"]);

        Assert.True(run.ExitCode == 0, run.Error);
        var records = TopicReader.ReadAll(kafka.BootstrapServers, "ua.interactions.v1");
        Assert.Equal(lines.Length, records.Count);
        Assert.All(records, record =>
        {
            var key = Encoding.UTF8.GetString(record.Message.Key!);
            Assert.StartsWith("u-", key, StringComparison.Ordinal);
            Assert.Contains($"\"userId\":\"{key}\"", Encoding.UTF8.GetString(record.Message.Value!), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Produce_UnreachableBroker_ExitsOneQuickly()
    {
        var environment = new Dictionary<string, string> { ["Kafka__ConnectTimeout"] = "00:00:01" };

        var run = await CliRun.InvokeAsync(["produce", "--bootstrap", $"127.0.0.1:{RecoFunctions.Testing.ClosedPort.Url().Port}", "--count", "5"], environment: environment);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cannot reach Kafka", run.Error, StringComparison.Ordinal);
    }

    private static EmbeddedKafka StartKafka()
    {
        var kafka = EmbeddedKafka.Start(defaultPartitions: 4);
        foreach (var flow in ShippedConfiguration.Flows.Flows)
        {
            kafka.EnsureTopic(flow.Topic);
        }

        return kafka;
    }
}
