using System.Text;
using Confluent.Kafka;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Local.Cli.Shared;
using RecoFunctions.Runtime.Kafka;
using RecoFunctions.Runtime;
using RecoFunctions.Runtime.Tests;
using Xunit.Abstractions;

namespace RecoFunctions.Local.Tests.Cli.Replay;

[Collection(RuntimeCollection.Name)]
public sealed class ReplayCommandTests(ITestOutputHelper output)
{
    private const string ContentDlq = TestEvents.ContentTopic + ".dlq";
    private const string CampaignDlq = TestEvents.CampaignTopic + ".dlq";

    [Fact]
    public async Task Replay_DryRun_CountsMatchesWithoutProducing()
    {
        await using var harness = await StartWithDeadLettersAsync();

        var run = await CliRun.InvokeAsync(["replay", "--from-dlq", "--bootstrap", harness.BootstrapServers, "--reason", "MAXLENGTH", "--dry-run"]);

        output.WriteLine(run.Error);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains($"{ContentDlq}: 3 dead letters, 2 match, 1 would be republished to {TestEvents.ContentTopic}, 1 skipped (written without their value)", run.Output);
        Assert.Contains($"{CampaignDlq}: 1 dead letters, 1 match, 1 would be republished to {TestEvents.CampaignTopic}", run.Output);
        Assert.All(harness.EndOffsets(TestEvents.ContentTopic).Values, end => Assert.Equal(0, end));
        Assert.All(harness.EndOffsets(TestEvents.CampaignTopic).Values, end => Assert.Equal(0, end));
    }

    [Fact]
    public async Task Replay_FlowAndStage_RepublishesOriginalKeyAndValueToTheOriginalTopic()
    {
        await using var harness = await StartWithDeadLettersAsync();

        var run = await CliRun.InvokeAsync(["replay", "--from-dlq", "--bootstrap", harness.BootstrapServers, "--flow", "content", "--stage", "validate"]);

        output.WriteLine(run.Error);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("1 records republished", run.Output);
        var replayed = Assert.Single(harness.ReadAll(TestEvents.ContentTopic));
        Assert.Equal("art-long", Encoding.UTF8.GetString(replayed.Message.Key!));
        Assert.Equal("{\"long\":true}", Encoding.UTF8.GetString(replayed.Message.Value!));
        Assert.True(replayed.Message.Headers.TryGetLastBytes(DeadLetterReplay.ReplayedFromHeader, out var from));
        Assert.StartsWith(ContentDlq + "/", Encoding.UTF8.GetString(from));
        Assert.False(replayed.Message.Headers.TryGetLastBytes(DeadLetterHeaders.Reason, out _));
        Assert.Equal("trace-1", Encoding.UTF8.GetString(replayed.Message.Headers.GetLastBytes("traceparent")));
        Assert.All(harness.EndOffsets(TestEvents.CampaignTopic).Values, end => Assert.Equal(0, end));
    }

    [Fact]
    public async Task Replay_RedactedDeadLetter_SkippedAndNotRepublished()
    {
        await using var harness = await StartWithDeadLettersAsync(redacted: true);

        var run = await CliRun.InvokeAsync(["replay", "--from-dlq", "--bootstrap", harness.BootstrapServers, "--flow", "campaign"]);

        output.WriteLine(run.Error);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains($"{CampaignDlq}: 2 dead letters, 2 match, 1 republished to {TestEvents.CampaignTopic}, 1 skipped (user ids redacted", run.Output);
        var replayed = Assert.Single(harness.ReadAll(TestEvents.CampaignTopic));
        Assert.Equal("cmp-long", Encoding.UTF8.GetString(replayed.Message.Key!));
    }

    [Fact]
    public async Task Replay_NoBootstrap_ExitsWithUsage()
    {
        var run = await CliRun.InvokeAsync(["replay", "--from-dlq"]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("replay reads a running Kafka", run.Error);
    }

    [Fact]
    public async Task Replay_UnknownFlow_ExitsWithUsageNamingTheFlows()
    {
        var run = await CliRun.InvokeAsync(["replay", "--from-dlq", "--bootstrap", "127.0.0.1:1", "--flow", "nope"]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--flow nope: no enabled flow has this name (flows: ", run.Error);
        Assert.Contains("content", run.Error);
    }

    [Fact]
    public async Task Replay_WithoutFromDlq_ExitsWithUsage()
    {
        var run = await CliRun.InvokeAsync(["replay", "--bootstrap", "127.0.0.1:1"]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--from-dlq is required", run.Error);
    }

    private async Task<RuntimeHarness> StartWithDeadLettersAsync(bool redacted = false)
    {
        var harness = await RuntimeHarness.StartAsync(output, partitions: 2);
        foreach (var topic in new[] { TestEvents.ContentTopic, TestEvents.CampaignTopic, ContentDlq, CampaignDlq })
        {
            harness.Kafka.EnsureTopic(topic);
        }

        using var producer = new ProducerBuilder<byte[], byte[]>(KafkaClientConfigs.Producer(new KafkaOptions(), harness.BootstrapServers)).Build();
        Produce(producer, ContentDlq, "art-long", "{\"long\":true}", "validate: maxLength at $.content.title", "validate", TestEvents.ContentTopic);
        Produce(producer, ContentDlq, "art-503", "{\"a\":1}", "retry budget exhausted: content-api: 503 ServiceUnavailable", "workflow", TestEvents.ContentTopic);
        Produce(producer, ContentDlq, "art-huge", null, "parse: payloadTooLarge at $ (maxLength of everything)", "parse", TestEvents.ContentTopic, omitted: true);
        Produce(producer, CampaignDlq, "cmp-long", "{\"c\":1}", "validate: maxLength at $.campaign.name", "validate", TestEvents.CampaignTopic);
        if (redacted)
        {
            Produce(producer, CampaignDlq, "7ca8c90cf3058ff64c5d273492835125", "{\"userId\":\"7ca8c90cf3058ff64c5d273492835125\"}", "validate: minimum at $.interaction.dwellMs", "validate", TestEvents.CampaignTopic, redaction: DeadLetterRedactions.Pseudonymised);
        }

        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(10)));
        return harness;
    }

    private static void Produce(IProducer<byte[], byte[]> producer, string topic, string key, string? value, string reason, string stage, string original, bool omitted = false, string? redaction = null)
    {
        var headers = new Headers
        {
            { "traceparent", Encoding.UTF8.GetBytes("trace-1") },
            { DeadLetterHeaders.Reason, Encoding.UTF8.GetBytes(reason) },
            { DeadLetterHeaders.Stage, Encoding.UTF8.GetBytes(stage) },
            { DeadLetterHeaders.OriginalTopic, Encoding.UTF8.GetBytes(original) },
            { DeadLetterHeaders.OriginalPartition, Encoding.UTF8.GetBytes("0") },
            { DeadLetterHeaders.OriginalOffset, Encoding.UTF8.GetBytes("7") },
        };
        if (omitted)
        {
            headers.Add(DeadLetterHeaders.ValueOmitted, Encoding.UTF8.GetBytes("2097152"));
        }

        if (redaction is not null)
        {
            headers.Add(DeadLetterHeaders.Redaction, Encoding.UTF8.GetBytes(redaction));
        }

        producer.Produce(topic, new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(key), Value = value is null ? null! : Encoding.UTF8.GetBytes(value), Headers = headers });
    }
}
