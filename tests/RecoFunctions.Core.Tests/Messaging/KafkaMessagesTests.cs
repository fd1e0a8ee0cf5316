using System.Text;
using RecoFunctions.Core.Messaging;

namespace RecoFunctions.Core.Tests.Messaging;

public sealed class KafkaMessagesTests
{
    [Fact]
    public void FromRecord_AllParts_Mapped()
    {
        var message = KafkaMessages.FromRecord(
            "cm.events.v1", 4, 1234, Encoding.UTF8.GetBytes("cmp-77"), Encoding.UTF8.GetBytes("{}"), 1_795_262_400_000, [new KafkaHeader("h", [1])]);

        Assert.Equal(new MessageId("cm.events.v1", 4, 1234), message.Id);
        Assert.Equal("cmp-77", message.Key);
        Assert.Equal("{}", Encoding.UTF8.GetString(message.Value.Span));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_795_262_400_000), message.Timestamp);
        Assert.Equal("h", Assert.Single(message.Headers).Key);
    }

    [Fact]
    public void FromRecord_MissingParts_NullKeyEmptyValueEpochNoHeaders()
    {
        var message = KafkaMessages.FromRecord("t", 0, 0, null, null, null, null);

        Assert.Null(message.Key);
        Assert.True(message.Value.IsEmpty);
        Assert.Equal(DateTimeOffset.UnixEpoch, message.Timestamp);
        Assert.Empty(message.Headers);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(0L)]
    [InlineData(long.MaxValue)]
    public void FromRecord_TimestampNotAvailableOrOutOfRange_Epoch(long milliseconds)
    {
        Assert.Equal(DateTimeOffset.UnixEpoch, KafkaMessages.FromRecord("t", 0, 0, null, null, milliseconds, null).Timestamp);
    }

    [Fact]
    public void FromRecord_NullHeaderEntries_Skipped()
    {
        var message = KafkaMessages.FromRecord("t", 0, 0, null, null, null, [null!, new KafkaHeader("a", null)]);

        Assert.Equal("a", Assert.Single(message.Headers).Key);
    }
}
