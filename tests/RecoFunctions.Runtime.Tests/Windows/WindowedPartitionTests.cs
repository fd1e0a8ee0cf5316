using Microsoft.Extensions.Logging.Abstractions;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Windowing;
using RecoFunctions.Runtime.Windows;

namespace RecoFunctions.Runtime.Tests.Windows;

public sealed class WindowedPartitionTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);
    private static readonly RuntimePartition Partition = new("ua.interactions.v1", 3);

    [Fact]
    public async Task ProcessAsync_PublisherFailsTwice_ReopensAndPublishesWhatAnUninterruptedRunDoes()
    {
        var flaky = new RecordingPublisher(failures: 2);
        var steady = new RecordingPublisher(failures: 0);
        var flakyStore = new InMemoryWindowStateStore();
        var steadyStore = new InMemoryWindowStateStore();
        var flakyPartition = await Open(flakyStore, flaky);
        var steadyPartition = await Open(steadyStore, steady);

        foreach (var (batch, next) in Batches())
        {
            await flakyPartition.ProcessAsync(batch, next, NoDeadLetters, CancellationToken.None);
            await steadyPartition.ProcessAsync(batch, next, NoDeadLetters, CancellationToken.None);
        }

        Assert.Equal(steady.Attempts + 2, flaky.Attempts);
        Assert.NotEmpty(steady.Published);
        Assert.Equal(Describe(steady.Published), Describe(flaky.Published));
        var flakyState = await flakyStore.LoadAsync(Partition.Topic, Partition.Partition, CancellationToken.None);
        var steadyState = await steadyStore.LoadAsync(Partition.Topic, Partition.Partition, CancellationToken.None);
        Assert.Equal(steadyState.Checkpoint, flakyState.Checkpoint);
        Assert.Equal(steadyState.Users.Keys.Order(), flakyState.Users.Keys.Order());
    }

    [Fact]
    public async Task ProcessAsync_FailingWhenStopped_ThrowsCancellation()
    {
        var partition = await Open(new InMemoryWindowStateStore(), new RecordingPublisher(failures: int.MaxValue), TimeSpan.FromMilliseconds(10));
        using var stopping = new CancellationTokenSource();
        var (batch, next) = Batches().Last();
        var first = Batches().First();
        await partition.ProcessAsync(first.Events, first.Next, NoDeadLetters, CancellationToken.None);

        var running = partition.ProcessAsync(batch, next, NoDeadLetters, stopping.Token);
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    private static Task NoDeadLetters(IReadOnlyList<RejectedOffset> rejected, CancellationToken cancellationToken) => Task.CompletedTask;

    private static Task<WindowedPartition> Open(IWindowStateStore store, IClosedWindowPublisher publisher, TimeSpan? retryDelay = null)
    {
        var options = new WindowingOptions { AllowedLateness = TimeSpan.Zero, Windows = [new WindowOptions { Name = "5m", Size = TimeSpan.FromMinutes(5) }] };
        var partitions = new WindowedPartitions(store, publisher, options, new RuntimeOptions { PendingRetryDelay = retryDelay ?? TimeSpan.Zero }, TimeProvider.System, NullLogger.Instance);
        return partitions.OpenAsync(Partition, CancellationToken.None);
    }

    /// <summary>Two users over twelve minutes: the second batch closes the first five-minute windows.</summary>
    private static IEnumerable<(IReadOnlyList<OffsetEvent> Events, long Next)> Batches()
    {
        yield return ([Event(0, "u1", 0), Event(1, "u2", 1), Event(2, "u1", 2)], 3);
        yield return ([Event(3, "u1", 6), Event(4, "u2", 12)], 5);
    }

    private static OffsetEvent Event(long offset, string user, int minute) =>
        new(offset, new InteractionEvent($"e{offset}", InteractionKind.View, Start.AddMinutes(minute), user, "c" + offset, 1000));

    private static List<string> Describe(IEnumerable<ClosedWindow> windows) =>
        [.. windows.Select(window => $"{window.UserKey}|{window.Window}|{window.Start:O}|{window.Events}|{window.TotalDwellMs}|{string.Join(",", window.Counts.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key}={pair.Value}"))}")];

    private sealed class RecordingPublisher(int failures) : IClosedWindowPublisher
    {
        private int _failuresLeft = failures;

        public int Attempts { get; private set; }

        public List<ClosedWindow> Published { get; } = [];

        public Task PublishAsync(IReadOnlyList<ClosedWindow> windows, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Attempts++;
            if (_failuresLeft > 0)
            {
                _failuresLeft--;
                throw new HttpRequestException("recommender unavailable");
            }

            Published.AddRange(windows);
            return Task.CompletedTask;
        }
    }
}
