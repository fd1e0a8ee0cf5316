using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Windowing;
using RecoFunctions.Testing;
using static RecoFunctions.Core.Tests.Windowing.Interactions;

namespace RecoFunctions.Core.Tests.Windowing;

public sealed class InteractionPartitionTests
{
    private const string Topic = "ua.interactions.v1";
    private static readonly WindowingOptions FiveMinutes = Options(TimeSpan.FromMinutes(1), Tumbling("5m", TimeSpan.FromMinutes(5)));

    private readonly InMemoryWindowStateStore _store = new();
    private readonly RecordingPublisher _publisher = new();
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = TestClock.Create();

    [Fact]
    public async Task OpenAsync_NothingStored_HasNoResumeOffset()
    {
        var partition = await Open();

        Assert.Equal((null, DateTimeOffset.MinValue), (partition.ResumeOffset, partition.Watermark));
    }

    [Fact]
    public async Task ProcessAsync_WindowCloses_PublishesBeforeSavingTheCheckpoint()
    {
        var partition = await Open();
        await partition.ProcessAsync([new(0, Event(At(10, 1)))], 1, CancellationToken.None);
        var savesWhenPublished = new List<int>();
        _publisher.OnPublish = () => savesWhenPublished.Add(_store.SaveCount);

        var result = await partition.ProcessAsync([new(1, Event(At(10, 7), user: "u2"))], 2, CancellationToken.None);

        Assert.Equal([1], savesWhenPublished);
        Assert.Equal(2, _store.SaveCount);
        Assert.Equal((1, 1, new PartitionCheckpoint(2, At(10, 7))), (result.Added, result.WindowsClosed, result.Checkpoint));
        Assert.Equal("u1", Assert.Single(Assert.Single(_publisher.Calls)).UserKey);
    }

    [Fact]
    public async Task OpenAsync_AfterASave_ResumesAtTheCheckpointAndSkipsEarlierOffsets()
    {
        var first = await Open();
        await first.ProcessAsync([new(10, Event(At(10, 1))), new(11, Event(At(10, 2), id: "x"))], 12, CancellationToken.None);

        var reopened = await Open();
        var resumeAt = reopened.ResumeOffset;
        var result = await reopened.ProcessAsync([new(11, Event(At(10, 2), id: "x")), new(12, Event(At(10, 20)))], 13, CancellationToken.None);

        Assert.Equal(12, resumeAt);
        Assert.Equal((1, 1, 0), (result.Skipped, result.Added, result.Duplicates));
        Assert.Equal(2, _publisher.Calls.Single().Single(window => window.UserKey == "u1" && window.Start == At(10, 0)).Events);
    }

    [Fact]
    public async Task ProcessAsync_LateEvent_IsRejectedAndDeadLetteredBeforeTheSave()
    {
        var partition = await Open();
        await partition.ProcessAsync([new(0, Event(At(10, 1))), new(1, Event(At(10, 30)))], 2, CancellationToken.None);
        var savesWhenDeadLettered = -1;

        var result = await partition.ProcessAsync(
            [new(2, Event(At(10, 2)))],
            3,
            (rejected, _) =>
            {
                savesWhenDeadLettered = _store.SaveCount;
                return Task.CompletedTask;
            },
            CancellationToken.None);

        var rejected = Assert.Single(result.Rejected);
        Assert.Equal((2L, DeadLetterStage.Window, "late"), (rejected.Offset, rejected.Failure.Stage, rejected.Failure.Source));
        Assert.Equal(1, savesWhenDeadLettered);
        Assert.Equal(2, _store.SaveCount);
    }

    [Fact]
    public async Task ProcessAsync_PublisherFails_SavesNothingAndRefusesFurtherBatches()
    {
        var partition = await Open();
        await partition.ProcessAsync([new(0, Event(At(10, 1)))], 1, CancellationToken.None);
        _publisher.FailNext = static () => true;

        await Assert.ThrowsAsync<HttpRequestException>(() => partition.ProcessAsync([new(1, Event(At(10, 9)))], 2, CancellationToken.None));
        _publisher.FailNext = static () => false;
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => partition.ProcessAsync([], 2, CancellationToken.None));

        Assert.Contains("open it again from the store", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await Open()).ResumeOffset);
    }

    [Fact]
    public async Task ProcessAsync_ReopenedAfterAFailedPublish_DeliversTheSameWindows()
    {
        var partition = await Open();
        await partition.ProcessAsync([new(0, Event(At(10, 1))), new(1, Event(At(10, 2), user: "u2"))], 2, CancellationToken.None);
        _publisher.FailNext = static () => true;
        await Assert.ThrowsAnyAsync<Exception>(() => partition.ProcessAsync([new(2, Event(At(10, 9)))], 3, CancellationToken.None));
        _publisher.FailNext = static () => false;

        var reopened = await Open();
        var result = await reopened.ProcessAsync([new(2, Event(At(10, 9)))], 3, CancellationToken.None);

        Assert.Equal(2, result.WindowsClosed);
        Assert.All(_publisher.Values.Values, values => Assert.Single(values));
        Assert.Equal(2, _publisher.Values.Count);
    }

    [Fact]
    public async Task ProcessAsync_PublishTakesTime_ReportsHowLongAfterTheBatchStarted()
    {
        var partition = await Open();
        await partition.ProcessAsync([new(0, Event(At(10, 1)))], 1, CancellationToken.None);
        _publisher.OnPublish = () => _time.Advance(TimeSpan.FromMilliseconds(300));

        var result = await partition.ProcessAsync([new(1, Event(At(10, 9)))], 2, CancellationToken.None);

        Assert.Equal(TimeSpan.FromMilliseconds(300), result.PublishElapsed);
    }

    [Fact]
    public async Task ProcessAsync_NothingNew_DoesNotSaveAgain()
    {
        var partition = await Open();
        await partition.ProcessAsync([new(0, Event(At(10, 1)))], 1, CancellationToken.None);

        var result = await partition.ProcessAsync([new(0, Event(At(10, 1)))], 1, CancellationToken.None);

        Assert.Equal((1, 1), (result.Skipped, _store.SaveCount));
    }

    private Task<InteractionPartition> Open() => InteractionPartition.OpenAsync(Topic, 3, _store, _publisher, FiveMinutes, _time, CancellationToken.None);
}
