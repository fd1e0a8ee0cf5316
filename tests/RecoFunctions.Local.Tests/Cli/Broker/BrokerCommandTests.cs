using Confluent.Kafka;
using RecoFunctions.Local.Cli.Shared;
using RecoFunctions.Runtime.Kafka;
using RecoFunctions.Runtime.Tests;
using RecoFunctions.Testing;

namespace RecoFunctions.Local.Tests.Cli.Broker;

[Collection(RuntimeCollection.Name)]
public sealed class BrokerCommandTests
{
    [Fact]
    public async Task Broker_Started_CreatesTopicsPublishesItsAddressAndStopsGracefully()
    {
        var addressFile = Path.Combine(Path.GetTempPath(), $"reco-broker-{Guid.NewGuid():N}.txt");
        using var stop = new CancellationTokenSource();
        var broker = Task.Run(() => CliRun.InvokeAsync(
            ["broker", "--topic", "extra:3", "--topic", "plain", "--address-file", addressFile], null, new Dictionary<string, string>(), null, stop.Token));

        await Eventually.WaitUntilAsync(() => File.Exists(addressFile) || broker.IsCompleted, TimeSpan.FromSeconds(30), "the address file");
        Assert.False(broker.IsCompleted, "the broker stopped at once");
        var address = (await File.ReadAllTextAsync(addressFile)).Trim();
        Assert.StartsWith("127.0.0.1:", address);
        using (var admin = new AdminClientBuilder(KafkaClientConfigs.Admin(new KafkaOptions(), address)).Build())
        {
            var partitions = admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.ToDictionary(topic => topic.Topic, topic => topic.Partitions.Count);
            Assert.Equal(8, partitions["oicms.content.v1"]);
            Assert.Equal(8, partitions["oicms.content.v1.dlq"]);
            Assert.Equal(8, partitions["cm.events.v1"]);
            Assert.Equal(8, partitions["cm.events.v1.dlq"]);
            Assert.Equal(3, partitions["extra"]);
            Assert.Equal(8, partitions["plain"]);
        }

        await stop.CancelAsync();
        var run = await broker.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains($"bootstrap: {address}", run.Output);
        Assert.False(File.Exists(addressFile));
    }

    [Fact]
    public async Task Broker_Groups_CreatesTheirChangelogTopicsWithTheFlowTopicsPartitions()
    {
        var addressFile = Path.Combine(Path.GetTempPath(), $"reco-broker-{Guid.NewGuid():N}.txt");
        using var stop = new CancellationTokenSource();
        var broker = Task.Run(() => CliRun.InvokeAsync(
            ["broker", "--topic", "ua.interactions.v1:5", "--group", "g1", "--group", "g2", "--address-file", addressFile], null, new Dictionary<string, string>(), null, stop.Token));

        await Eventually.WaitUntilAsync(() => File.Exists(addressFile) || broker.IsCompleted, TimeSpan.FromSeconds(30), "the address file");
        Assert.False(broker.IsCompleted, "the broker stopped at once");
        var address = (await File.ReadAllTextAsync(addressFile)).Trim();
        using (var admin = new AdminClientBuilder(KafkaClientConfigs.Admin(new KafkaOptions(), address)).Build())
        {
            var partitions = admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.ToDictionary(topic => topic.Topic, topic => topic.Partitions.Count);
            Assert.Equal(5, partitions["g1-ua.interactions.v1-windows-changelog"]);
            Assert.Equal(5, partitions["g2-ua.interactions.v1-windows-changelog"]);
            Assert.DoesNotContain("reco-ua.interactions.v1-windows-changelog", partitions.Keys);
        }

        await stop.CancelAsync();
        Assert.Equal(ExitCodes.Success, (await broker.WaitAsync(TimeSpan.FromSeconds(30))).ExitCode);
    }

    [Theory]
    [InlineData("bad name")]
    [InlineData("topic:0")]
    [InlineData("topic:many")]
    public async Task Broker_BadTopic_ExitsWithUsageBeforeStarting(string topic)
    {
        var run = await CliRun.InvokeAsync(["broker", "--topic", topic]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains($"--topic {topic}: expected NAME or NAME:PARTITIONS", run.Error);
        Assert.DoesNotContain("bootstrap:", run.Output);
    }
}
