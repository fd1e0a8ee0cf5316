using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace RecoFunctions.Runtime.Tests;

/// <summary>
/// When the poll thread holds, pauses and resumes: four partitions, at most 100 messages in flight, so a share of 25.
/// </summary>
public sealed class BackpressureTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly RuntimeMetrics _metrics = TestLanes.Metrics();
    private readonly Mock<IConsumer<byte[]?, byte[]?>> _consumer = new();
    private readonly List<TopicPartition> _paused = [];
    private readonly List<TopicPartition> _resumed = [];
    private readonly PartitionLane[] _lanes = [.. Enumerable.Range(0, 4).Select(TestLanes.Lane)];
    private readonly Backpressure _backpressure;

    public BackpressureTests()
    {
        _consumer.Setup(consumer => consumer.Pause(It.IsAny<IEnumerable<TopicPartition>>())).Callback<IEnumerable<TopicPartition>>(_paused.AddRange);
        _consumer.Setup(consumer => consumer.Resume(It.IsAny<IEnumerable<TopicPartition>>())).Callback<IEnumerable<TopicPartition>>(_resumed.AddRange);
        var options = new RuntimeOptions { MaxInFlightMessages = 100, MaxBufferedPerPartition = 1_000 };
        _backpressure = new Backpressure(options, _metrics, _time, NullLogger.Instance, _ => { });
        _backpressure.Reassigned(_lanes);
    }

    [Fact]
    public void Holds_UnderTheLimit_TakesMessages()
    {
        Consume(_lanes[0], 99);

        Assert.False(Holds());
        Assert.True(_backpressure.TakesMore);
    }

    [Fact]
    public void Holds_AtTheLimit_TakesNothingMoreAndPausesNoPartition()
    {
        Consume(_lanes[0], 100);

        Assert.True(Holds());
        Assert.False(_backpressure.TakesMore);

        // A backlog draining: one lane far over its share, and still nothing is paused (that would throw its prefetch away).
        _backpressure.AfterDispatch(_consumer.Object, _lanes[0]);
        _time.Advance(Backpressure.MaxHold / 2);
        Assert.True(Holds());
        Assert.Empty(_paused);
    }

    [Fact]
    public void Holds_InFlightUnderTheLimitAgain_TakesMessagesAgain()
    {
        Consume(_lanes[0], 100);
        Assert.True(Holds());

        Finish(_lanes[0], 1);

        Assert.False(Holds());
        Assert.True(_backpressure.TakesMore);
        Assert.Empty(_paused);
    }

    [Fact]
    public void Holds_AtTheLimitLongerThanTheLongestHold_PausesThePartitionsOverTheirShareAndTheOthersTakeMessages()
    {
        Consume(_lanes[0], 60);
        Consume(_lanes[1], 30);
        Consume(_lanes[2], 10);
        Assert.True(Holds());

        _time.Advance(Backpressure.MaxHold);

        Assert.False(Holds());
        Assert.True(_backpressure.Pressed);
        Assert.True(_backpressure.TakesMore);
        Assert.Equal([_lanes[0].KafkaPartition, _lanes[1].KafkaPartition], _paused);
        Assert.True(_lanes[0].Paused && _lanes[1].Paused);
        Assert.False(_lanes[2].Paused || _lanes[3].Paused);
    }

    [Fact]
    public void AfterDispatch_WhilePressed_PausesAPartitionAtItsShare()
    {
        PressWithEverythingOnTheFirstPartition();
        _paused.Clear();

        Consume(_lanes[3], 24);
        _backpressure.AfterDispatch(_consumer.Object, _lanes[3]);
        Assert.Empty(_paused);

        Consume(_lanes[3], 1);
        _backpressure.AfterDispatch(_consumer.Object, _lanes[3]);
        Assert.Equal([_lanes[3].KafkaPartition], _paused);
    }

    [Fact]
    public void Holds_PressedThenUnderTheLimit_NoLongerPauses()
    {
        PressWithEverythingOnTheFirstPartition();
        Finish(_lanes[0], 50);

        Assert.False(Holds());
        Assert.False(_backpressure.Pressed);
        Consume(_lanes[3], 40);
        _backpressure.AfterDispatch(_consumer.Object, _lanes[3]);
        Assert.False(_lanes[3].Paused);
    }

    [Fact]
    public void ResumeWhereDrained_PausedPartitionDownToHalfItsShare_ResumesIt()
    {
        PressWithEverythingOnTheFirstPartition();

        Finish(_lanes[0], 87);
        _backpressure.RequestCheck();
        _backpressure.ResumeWhereDrained(_consumer.Object, _lanes, _time.GetTimestamp());
        Assert.Empty(_resumed);

        Finish(_lanes[0], 1);
        _backpressure.RequestCheck();
        _backpressure.ResumeWhereDrained(_consumer.Object, _lanes, _time.GetTimestamp());
        Assert.Equal([_lanes[0].KafkaPartition], _resumed);
        Assert.False(_lanes[0].Paused);
        Assert.False(_backpressure.AnyPaused);
    }

    /// <summary>The limit reached by the first partition alone and held past <see cref="Backpressure.MaxHold"/>.</summary>
    private void PressWithEverythingOnTheFirstPartition()
    {
        Consume(_lanes[0], 100);
        Assert.True(Holds());
        _time.Advance(Backpressure.MaxHold);
        Assert.False(Holds());
        Assert.True(_backpressure.Pressed);
    }

    private bool Holds() => _backpressure.Holds(_consumer.Object, _lanes, _time.GetTimestamp());

    private void Consume(PartitionLane lane, int count)
    {
        var next = Math.Max(0, lane.Offsets.Next);
        for (var offset = next; offset < next + count; offset++)
        {
            Assert.True(lane.Accept(new ConsumeResult<byte[]?, byte[]?> { Offset = offset, Message = new Message<byte[]?, byte[]?>() }, 0));
        }

        _metrics.RecordConsumed(TestLanes.Flow.Name, count);
    }

    private void Finish(PartitionLane lane, int count)
    {
        var first = lane.Offsets.CommitPosition ?? 0;
        for (var offset = first; offset < first + count; offset++)
        {
            Assert.True(lane.Offsets.Complete(offset));
        }

        _metrics.RecordFinished(count);
    }
}
