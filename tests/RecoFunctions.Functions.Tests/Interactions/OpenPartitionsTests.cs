using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Windowing;
using RecoFunctions.Functions.Interactions;

namespace RecoFunctions.Functions.Tests.Interactions;

public sealed class OpenPartitionsTests
{
    private const string Topic = "ua.interactions.v1";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero));
    private readonly CountingStore _store = new();
    private readonly OpenPartitions _partitions;

    public OpenPartitionsTests() => _partitions = new OpenPartitions(
        _store, new NoPublisher(), Options.Create(new WindowingOptions()), _clock, NullLogger<OpenPartitions>.Instance);

    [Fact]
    public async Task RunAsync_NextBatchFollowsOn_PartitionNotLoadedAgain()
    {
        await RunAsync(0, 0);
        await RunAsync(0, 1);

        Assert.Equal(1, _store.Loads);
    }

    [Fact]
    public async Task RunAsync_BatchStartsPastTheHeldOffset_ReopenedFromTheStore()
    {
        await RunAsync(0, 0);
        await RunAsync(0, 5);

        Assert.Equal(2, _store.Loads);
    }

    [Fact]
    public async Task RunAsync_BatchFails_ReopenedForTheNextOne()
    {
        await RunAsync(0, 0);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _partitions.RunAsync<int>(Topic, 0, 1, _ => throw new InvalidOperationException("publish failed"), CancellationToken.None));
        await RunAsync(0, 1);

        Assert.Equal(2, _store.Loads);
    }

    [Fact]
    public async Task RunAsync_OtherPartitionIdleForTenMinutes_DroppedFromMemoryAndReloadedWhenItComesBack()
    {
        await RunAsync(0, 0);
        await RunAsync(1, 0);
        _clock.Advance(OpenPartitions.IdleAfter - TimeSpan.FromSeconds(1));
        await RunAsync(1, 1);
        Assert.Equal(2, _partitions.HeldCount);

        _clock.Advance(TimeSpan.FromSeconds(1));
        await RunAsync(1, 2);
        Assert.Equal(1, _partitions.HeldCount);
        await RunAsync(0, 1);

        Assert.Equal(3, _store.Loads);
    }

    /// <summary>One interaction at <paramref name="offset"/>, processed as a batch of its own.</summary>
    private Task<InteractionBatchResult> RunAsync(int partition, long offset)
    {
        var interaction = new InteractionEvent($"ev-{partition}-{offset}", InteractionKind.View, _clock.GetUtcNow(), "user-key", "c-1", null);
        return _partitions.RunAsync(Topic, partition, offset, opened => opened.ProcessAsync([new OffsetEvent(offset, interaction)], offset + 1, CancellationToken.None), CancellationToken.None);
    }

    private sealed class CountingStore : IWindowStateStore
    {
        private readonly InMemoryWindowStateStore _inner = new();

        public int Loads { get; private set; }

        public Task<PartitionWindowState> LoadAsync(string topic, int partition, CancellationToken cancellationToken)
        {
            Loads++;
            return _inner.LoadAsync(topic, partition, cancellationToken);
        }

        public Task SaveAsync(string topic, int partition, WindowStateChanges changes, CancellationToken cancellationToken) =>
            _inner.SaveAsync(topic, partition, changes, cancellationToken);
    }

    private sealed class NoPublisher : IClosedWindowPublisher
    {
        public Task PublishAsync(IReadOnlyList<ClosedWindow> windows, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
