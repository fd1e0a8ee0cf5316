using RecoFunctions.Core.Windowing;
using Xunit;

namespace RecoFunctions.Testing;

/// <summary>
/// What every <see cref="IWindowStateStore"/> must do. A store's test class derives from this and supplies the store;
/// each test uses a topic of its own, so a store shared between tests works too.
/// </summary>
public abstract class WindowStateStoreContractTests
{
    private static readonly DateTimeOffset Watermark = new(2026, 12, 7, 10, 4, 59, 123, TimeSpan.Zero);

    /// <summary>A store to test, for a topic of <paramref name="partitions"/> partitions named <paramref name="topic"/>.</summary>
    protected abstract Task<IWindowStateStore> CreateStoreAsync(string topic, int partitions);

    protected virtual string NewTopic() => "interactions-" + Guid.NewGuid().ToString("N")[..12];

    [ContractFact]
    public async Task LoadAsync_NothingSaved_ReturnsEmptyState()
    {
        var topic = NewTopic();
        var store = await CreateStoreAsync(topic, partitions: 2);

        var state = await store.LoadAsync(topic, 1, CancellationToken.None);

        Assert.Null(state.Checkpoint);
        Assert.Empty(state.Users);
    }

    [ContractFact]
    public async Task SaveAsync_ThenLoad_ReturnsCheckpointAndUsers()
    {
        var topic = NewTopic();
        var store = await CreateStoreAsync(topic, partitions: 2);
        await store.LoadAsync(topic, 0, CancellationToken.None);
        var checkpoint = new PartitionCheckpoint(42, Watermark);

        await store.SaveAsync(topic, 0, new WindowStateChanges(checkpoint, [Change("u1", 1, 2, 3), Change("u2", 9)]), CancellationToken.None);
        var state = await store.LoadAsync(topic, 0, CancellationToken.None);

        Assert.Equal(checkpoint, state.Checkpoint);
        Assert.Equal(["u1", "u2"], state.Users.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new byte[] { 1, 2, 3 }, state.Users["u1"].ToArray());
        Assert.Equal(new byte[] { 9 }, state.Users["u2"].ToArray());
    }

    [ContractFact]
    public async Task SaveAsync_ChangesAndRemovals_LoadGivesLatestAndKeepsUntouchedUsers()
    {
        var topic = NewTopic();
        var store = await CreateStoreAsync(topic, partitions: 1);
        await store.LoadAsync(topic, 0, CancellationToken.None);
        await store.SaveAsync(topic, 0, new WindowStateChanges(new PartitionCheckpoint(10, Watermark), [Change("a", 1), Change("b", 2), Change("c", 3)]), CancellationToken.None);

        await store.SaveAsync(topic, 0, new WindowStateChanges(new PartitionCheckpoint(20, Watermark.AddMinutes(1)), [Change("a", 7), new UserStateChange("b", null)]), CancellationToken.None);
        var state = await store.LoadAsync(topic, 0, CancellationToken.None);

        Assert.Equal(new PartitionCheckpoint(20, Watermark.AddMinutes(1)), state.Checkpoint);
        Assert.Equal(["a", "c"], state.Users.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new byte[] { 7 }, state.Users["a"].ToArray());
        Assert.Equal(new byte[] { 3 }, state.Users["c"].ToArray());
    }

    [ContractFact]
    public async Task SaveAsync_OnePartition_LeavesOtherPartitionsEmpty()
    {
        var topic = NewTopic();
        var store = await CreateStoreAsync(topic, partitions: 3);
        await store.LoadAsync(topic, 2, CancellationToken.None);

        await store.SaveAsync(topic, 2, new WindowStateChanges(new PartitionCheckpoint(5, Watermark), [Change("x", 1)]), CancellationToken.None);

        var other = await store.LoadAsync(topic, 1, CancellationToken.None);
        Assert.Null(other.Checkpoint);
        Assert.Empty(other.Users);
        Assert.Equal(5, (await store.LoadAsync(topic, 2, CancellationToken.None)).Checkpoint!.NextOffset);
    }

    protected static UserStateChange Change(string user, params byte[] state) => new(user, state);
}
