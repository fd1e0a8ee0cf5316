using Confluent.Kafka;
using RecoFunctions.Local.Cli.Shared;
using RecoFunctions.Runtime.Kafka;
using RecoFunctions.Local.Tests.Cli;
using RecoFunctions.Local.Tests.Cli.Run;
using RecoFunctions.Runtime.Tests;
using Xunit.Abstractions;

namespace RecoFunctions.Local.Tests.Kafka;

/// <summary>
/// The embedded Kafka keeps about 5 MiB per partition and drops the oldest records beyond that. With
/// Kafka:RequireCompleteLog (the Local environment's setting) a consumer that would have skipped them stops instead,
/// naming the topic and partition.
/// </summary>
[Collection(RuntimeCollection.Name)]
public sealed class EmbeddedLogBoundTests(ITestOutputHelper output)
{
    private const string Topic = TestEvents.ContentTopic;

    // 7 MiB of 64 KiB records in one partition: past the mock cluster's 5 MiB.
    private const int RecordSize = 64 * 1024;
    private const int OverBound = 112;

    private static readonly Dictionary<string, string?> CompleteLog = new() { ["Kafka:RequireCompleteLog"] = "true" };

    [Fact]
    public async Task Run_NewGroupOnAPartitionFilledBeyondTheBound_ExitsNamingTopicAndPartition()
    {
        await using var harness = await RuntimeHarness.StartAsync(output, partitions: 1);
        harness.Produce(Records(OverBound));
        Assert.True(LogStart(harness) > 0, "the embedded Kafka kept every record; the bound this test relies on has moved");

        var run = await CliRun.InvokeAsync(
            ["run", "--bootstrap", harness.BootstrapServers, "--group", "late", "--until-idle", "500ms"],
            environment: new Dictionary<string, string>(RunCommandTests.SandboxEnvironment(harness)) { ["Kafka__RequireCompleteLog"] = "true" });

        output.WriteLine(run.Error);
        Assert.Equal(ExitCodes.RecordsDropped, run.ExitCode);
        Assert.Contains($"Records of {Topic} [0] were dropped by the broker before they were read: offset 0", run.Error);
        Assert.DoesNotContain("delivered", run.Output);
        Assert.Equal(-1001, harness.Committed("late", Topic)[0]);
    }

    [Fact]
    public async Task RunAsync_GroupFallsBehindFurtherThanTheBound_FailsNamingTopicAndPartitionWithoutCommitting()
    {
        await using var harness = await RuntimeHarness.StartAsync(output, CompleteLog, partitions: 1);
        var now = DateTimeOffset.UtcNow;
        harness.Produce(Enumerable.Range(0, 10).Select(i => TestEvents.Content($"art-{i}", 1, now)));
        await using (var first = harness.Start("behind"))
        {
            await first.WaitUntilIdleAsync();
            await first.StopAsync();
        }

        Assert.Equal(10, harness.Committed("behind", Topic)[0]);
        harness.Produce(Records(OverBound));
        var logStart = LogStart(harness);
        Assert.True(logStart > 10, $"the log starts at {logStart}: nothing the group has yet to read was dropped");

        await using var second = harness.Start("behind");
        var failure = await Assert.ThrowsAsync<RecordsDroppedException>(() => second.Completion.WaitAsync(RuntimeHarness.Timeout));

        Assert.Equal(Topic, failure.Topic);
        Assert.Equal(0, failure.Partition);
        Assert.Equal(10, failure.Offset);
        Assert.Equal(0, second.Runtime.Snapshot().Consumed);
        Assert.Equal(10, harness.Committed("behind", Topic)[0]);
    }

    [Fact]
    public async Task RunAsync_WithinTheBound_ConsumesEverythingFromOffsetZero()
    {
        await using var harness = await RuntimeHarness.StartAsync(output, CompleteLog, partitions: 1);
        var now = DateTimeOffset.UtcNow;
        harness.Produce(Enumerable.Range(0, 20).Select(i => TestEvents.Content($"art-{i}", 1, now)));

        await using var running = harness.Start("fresh");
        await running.WaitUntilIdleAsync();
        await running.StopAsync();

        Assert.Equal(0, LogStart(harness));
        Assert.Equal(20, running.Runtime.Snapshot().Consumed);
        Assert.Equal(20, harness.Committed("fresh", Topic)[0]);
    }

    private static IEnumerable<TestEvent> Records(int count) =>
        Enumerable.Range(0, count).Select(i => new TestEvent(Topic, $"bulk-{i}", 0, string.Empty, new byte[RecordSize]));

    private static long LogStart(RuntimeHarness harness)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(KafkaClientConfigs.Consumer(new KafkaOptions(), harness.BootstrapServers, "log-start")).Build();
        return consumer.QueryWatermarkOffsets(new TopicPartition(Topic, 0), TimeSpan.FromSeconds(10)).Low.Value;
    }
}
