using RecoFunctions.Core.Windowing;
using Xunit;

namespace RecoFunctions.Testing;

/// <summary>
/// What every <see cref="IWindowStateStore"/> must do (in memory, changelog topic, Table Storage). A store's test class
/// derives from this and supplies the store; each test uses a topic of its own, so a shared store works too.
/// </summary>
public abstract class WindowStateStoreContractTests
{
    private static readonly DateTimeOffset Watermark = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    protected abstract Task<IWindowStateStore> CreateStoreAsync();

    /// <summary>Topics are unique per test so that tests never see each other's state.</summary>
    protected virtual string NewTopic() => "ua.interactions.test-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A user state larger than a store's single value may hold (Table Storage: 64 KiB per property).</summary>
    protected virtual int LargeStateBytes => 200_000;

    /// <summary>More users in one save than a store writes in one request (Table Storage: 100 per transaction).</summary>
    protected virtual int ManyUsers => 250;

    [ContractFact]
    public async Task LoadAsync_NothingSaved_HasNoCheckpointAndNoUsers()
    {
        var store = await CreateStoreAsync();

        var state = await store.LoadAsync(NewTopic(), 0, CancellationToken.None);

        Assert.Null(state.Checkpoint);
        Assert.Empty(state.Users);
    }

    [ContractFact]
    public async Task SaveAsync_ThenLoad_GivesTheCheckpointAndEveryUsersBytes()
    {
        var store = await CreateStoreAsync();
        var topic = NewTopic();

        await SaveAsync(store, topic, 2, Changes(41, ("user-a", [1, 2, 3]), ("user-b", [4])), CancellationToken.None);
        var state = await store.LoadAsync(topic, 2, CancellationToken.None);

        Assert.Equal(new PartitionCheckpoint(41, Watermark), state.Checkpoint);
        Assert.Equal(["user-a:010203", "user-b:04"], Describe(state));
    }

    [ContractFact]
    public async Task SaveAsync_LaterSave_ReplacesChangedUsersRemovesClearedOnesAndKeepsTheRest()
    {
        var store = await CreateStoreAsync();
        var topic = NewTopic();
        await SaveAsync(store, topic, 0, Changes(10, ("a", [1]), ("b", [2]), ("c", [3])), CancellationToken.None);

        await SaveAsync(store, topic, 0, Changes(20, ("a", [9, 9]), ("b", null)), CancellationToken.None);
        var state = await store.LoadAsync(topic, 0, CancellationToken.None);

        Assert.Equal(20, state.Checkpoint!.NextOffset);
        Assert.Equal(["a:0909", "c:03"], Describe(state));
    }

    [ContractFact]
    public async Task SaveAsync_OtherPartitionAndTopic_AreKeptApart()
    {
        var store = await CreateStoreAsync();
        var topic = NewTopic();
        var otherTopic = NewTopic();

        await SaveAsync(store, topic, 0, Changes(5, ("a", [1])), CancellationToken.None);
        await SaveAsync(store, topic, 1, Changes(7, ("b", [2])), CancellationToken.None);
        await SaveAsync(store, otherTopic, 0, Changes(9, ("c", [3])), CancellationToken.None);

        Assert.Equal(["a:01"], Describe(await store.LoadAsync(topic, 0, CancellationToken.None)));
        Assert.Equal(7, (await store.LoadAsync(topic, 1, CancellationToken.None)).Checkpoint!.NextOffset);
        Assert.Equal(["c:03"], Describe(await store.LoadAsync(otherTopic, 0, CancellationToken.None)));
    }

    [ContractFact]
    public async Task SaveAsync_LargeUserStateAndManyUsers_RoundTrip()
    {
        var store = await CreateStoreAsync();
        var topic = NewTopic();
        var large = Enumerable.Range(0, LargeStateBytes).Select(i => (byte)(i * 31)).ToArray();
        var users = Enumerable.Range(0, ManyUsers).Select(i => ($"user-{i:D4}", (byte[]?)[(byte)i])).Append(("large", large)).ToArray();

        await SaveAsync(store, topic, 0, Changes(3, users), CancellationToken.None);
        var state = await store.LoadAsync(topic, 0, CancellationToken.None);

        Assert.Equal(ManyUsers + 1, state.Users.Count);
        Assert.Equal(large, state.Users["large"].ToArray());
        Assert.Equal([(byte)7], state.Users["user-0007"].ToArray());
    }

    [ContractFact]
    public async Task SaveAsync_CheckpointBeforeAnyEvent_KeepsTheMinimumWatermark()
    {
        var store = await CreateStoreAsync();
        var topic = NewTopic();

        await SaveAsync(store, topic, 0, new WindowStateChanges(new PartitionCheckpoint(12, DateTimeOffset.MinValue), []), CancellationToken.None);

        Assert.Equal(new PartitionCheckpoint(12, DateTimeOffset.MinValue), (await store.LoadAsync(topic, 0, CancellationToken.None)).Checkpoint);
    }

    /// <summary>A host loads a partition before it saves it (<see cref="InteractionPartition.OpenAsync"/> does); a store may rely on that.</summary>
    private static async Task SaveAsync(IWindowStateStore store, string topic, int partition, WindowStateChanges changes, CancellationToken cancellationToken)
    {
        await store.LoadAsync(topic, partition, cancellationToken);
        await store.SaveAsync(topic, partition, changes, cancellationToken);
    }

    private static WindowStateChanges Changes(long nextOffset, params (string User, byte[]? State)[] users) =>
        new(new PartitionCheckpoint(nextOffset, Watermark), [.. users.Select(user => new UserStateChange(user.User, user.State is null ? (ReadOnlyMemory<byte>?)null : user.State))]);

    private static IEnumerable<string> Describe(PartitionWindowState state) =>
        state.Users.OrderBy(user => user.Key, StringComparer.Ordinal).Select(user => $"{user.Key}:{Convert.ToHexString(user.Value.Span)}");
}
