using RecoFunctions.Runtime.Kafka;

namespace RecoFunctions.Runtime.Tests;

public sealed class RuntimeConsumerConfigTests
{
    [Fact]
    public void Create_Defaults_ManualOffsetsPartitionEndsAndSmallQuicklyRefilledPrefetch()
    {
        var config = RuntimeConsumerConfig.Create(new KafkaOptions(), "127.0.0.1:9092", "group");

        Assert.False(config.EnableAutoCommit);
        Assert.False(config.EnableAutoOffsetStore);
        Assert.True(config.EnablePartitionEof);
        Assert.Equal("group", config.GroupId);
        Assert.Equal("10", config.Get("fetch.queue.backoff.ms"));
        Assert.Equal("4096", config.Get("queued.max.messages.kbytes"));
    }

    [Fact]
    public void Create_KeyConfiguredUnderKafkaConsumer_ConfigurationWins()
    {
        var options = new KafkaOptions();
        options.Consumer["fetch.queue.backoff.ms"] = "250";
        options.Consumer["queued.max.messages.kbytes"] = "65536";

        var config = RuntimeConsumerConfig.Create(options, "127.0.0.1:9092", "group");

        Assert.Equal("250", config.Get("fetch.queue.backoff.ms"));
        Assert.Equal("65536", config.Get("queued.max.messages.kbytes"));
        Assert.Equal("200", config.Get("queued.min.messages"));
    }
}
