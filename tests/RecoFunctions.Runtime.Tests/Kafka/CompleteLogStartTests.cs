using Confluent.Kafka;
using RecoFunctions.Runtime.Kafka;

namespace RecoFunctions.Runtime.Tests.Kafka;

public sealed class CompleteLogStartTests
{
    private static readonly TopicPartition DeadLetters = new("oicms.content.v1.dlq", 3);

    [Fact]
    public void EnsureStartsAtZero_LogStartsLaterWithCompleteLogRequired_ThrowsNamingTopicAndPartition()
    {
        var failure = Assert.Throws<RecordsDroppedException>(() =>
            CompleteLogStart.EnsureStartsAtZero(DeadLetters, new WatermarkOffsets(120, 500), new KafkaOptions { RequireCompleteLog = true }));

        Assert.Equal("oicms.content.v1.dlq", failure.Topic);
        Assert.Equal(3, failure.Partition);
        Assert.Contains("Records of oicms.content.v1.dlq [3] were dropped", failure.Message);
        Assert.Contains("the log starts at 120", failure.Message);
    }

    [Fact]
    public void EnsureStartsAtZero_LogStartsAtZero_Passes() =>
        CompleteLogStart.EnsureStartsAtZero(DeadLetters, new WatermarkOffsets(0, 500), new KafkaOptions { RequireCompleteLog = true });

    [Fact]
    public void EnsureStartsAtZero_RetentionAllowed_AcceptsALaterLogStart() =>
        CompleteLogStart.EnsureStartsAtZero(DeadLetters, new WatermarkOffsets(120, 500), new KafkaOptions());

    [Theory]
    [InlineData(true, AutoOffsetReset.Error)]
    [InlineData(false, AutoOffsetReset.Earliest)]
    public void Consumer_CompleteLogRequiredOrNot_ErrorsOrStartsAtTheEarliest(bool required, AutoOffsetReset expected) =>
        Assert.Equal(expected, KafkaClientConfigs.Consumer(new KafkaOptions { RequireCompleteLog = required }, "127.0.0.1:9092").AutoOffsetReset);
}
