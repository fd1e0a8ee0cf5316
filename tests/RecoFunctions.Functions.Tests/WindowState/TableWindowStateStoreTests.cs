using System.Text;
using Azure.Data.Tables;
using RecoFunctions.Core.Windowing;
using RecoFunctions.Functions.Tests.CircuitState;
using RecoFunctions.Functions.WindowState;
using RecoFunctions.Testing;

namespace RecoFunctions.Functions.Tests.WindowState;

/// <summary>The Table Storage window-state store against Azurite; skipped, with the reason, when Azurite is not running.</summary>
[SkipUnless(typeof(AzuriteTables))]
public sealed class TableWindowStateStoreTests
{
    private const string Topic = "ua.interactions.v1";

    private static readonly DateTimeOffset Watermark = new(2026, 12, 7, 2, 30, 0, TimeSpan.Zero);

    private readonly TableClient _table = new(AzuriteTables.ConnectionString, "WindowStateTests" + Guid.NewGuid().ToString("N")[..12]);

    [ContractFact]
    public async Task LoadAsync_NothingSaved_EmptyWithoutCheckpoint()
    {
        var state = await NewStore().LoadAsync(Topic, 0, CancellationToken.None);

        Assert.Null(state.Checkpoint);
        Assert.Empty(state.Users);
    }

    [ContractFact]
    public async Task SaveAsync_ThenLoadOnAnotherInstance_SameCheckpointAndUsers()
    {
        var store = await LoadedStoreAsync(0);

        await store.SaveAsync(Topic, 0, Changes(120, ("u-1", "state one"), ("u-2", "state two")), CancellationToken.None);
        var loaded = await NewStore().LoadAsync(Topic, 0, CancellationToken.None);

        Assert.Equal(new PartitionCheckpoint(120, Watermark.AddSeconds(120)), loaded.Checkpoint);
        Assert.Equal(["u-1=state one", "u-2=state two"], Describe(loaded));
    }

    [ContractFact]
    public async Task SaveAsync_LaterSaves_NewestStatePerUserAndRemovedUsersGone()
    {
        var store = await LoadedStoreAsync(0);

        await store.SaveAsync(Topic, 0, Changes(10, ("a", "a1"), ("b", "b1"), ("c", "c1")), CancellationToken.None);
        await store.SaveAsync(Topic, 0, Changes(20, ("a", "a2"), ("b", null)), CancellationToken.None);
        await store.SaveAsync(Topic, 0, Changes(30, ("a", "a3"), ("d", "d1")), CancellationToken.None);
        var loaded = await NewStore().LoadAsync(Topic, 0, CancellationToken.None);

        Assert.Equal(["a=a3", "c=c1", "d=d1"], Describe(loaded));
        Assert.Equal(30, loaded.Checkpoint!.NextOffset);
    }

    [ContractFact]
    public async Task SaveAsync_SupersededRowsAndTombstones_RemovedFromTheTable()
    {
        var store = await LoadedStoreAsync(0);

        await store.SaveAsync(Topic, 0, Changes(10, ("a", "a1"), ("b", "b1")), CancellationToken.None);
        await store.SaveAsync(Topic, 0, Changes(20, ("a", "a2"), ("b", null)), CancellationToken.None);

        Assert.Equal([WindowStateKeys.CheckpointRow, WindowStateKeys.UserRow("a", 20)], await RowKeysAsync(0));
    }

    [ContractFact]
    public async Task LoadAsync_SaveCrashedBeforeItsCheckpoint_StateAsOfTheLastCheckpoint()
    {
        var failing = new CheckpointFailingTableClient(_table);
        var store = new TableWindowStateStore(failing);
        await store.LoadAsync(Topic, 0, CancellationToken.None);
        await store.SaveAsync(Topic, 0, Changes(50, ("a", "a1"), ("b", "b1")), CancellationToken.None);

        failing.FailCheckpoint = true;
        await Assert.ThrowsAnyAsync<Exception>(() => store.SaveAsync(Topic, 0, Changes(90, ("a", "a2"), ("b", null), ("c", "c1")), CancellationToken.None));
        var loaded = await NewStore().LoadAsync(Topic, 0, CancellationToken.None);

        Assert.Equal(50, loaded.Checkpoint!.NextOffset);
        Assert.Equal(["a=a1", "b=b1"], Describe(loaded));
    }

    [ContractFact]
    public async Task SaveAsync_AfterACrashedSave_RetriedSaveWinsAndItsCheckpointCounts()
    {
        var failing = new CheckpointFailingTableClient(_table);
        var crashed = new TableWindowStateStore(failing);
        await crashed.LoadAsync(Topic, 0, CancellationToken.None);
        await crashed.SaveAsync(Topic, 0, Changes(50, ("a", "a1")), CancellationToken.None);
        failing.FailCheckpoint = true;
        await Assert.ThrowsAnyAsync<Exception>(() => crashed.SaveAsync(Topic, 0, Changes(90, ("a", "a2-crashed")), CancellationToken.None));

        // The restarted instance reprocesses from offset 50 with other batch boundaries.
        var restarted = await LoadedStoreAsync(0);
        await restarted.SaveAsync(Topic, 0, Changes(70, ("a", "a2")), CancellationToken.None);
        await restarted.SaveAsync(Topic, 0, Changes(110, ("a", "a3")), CancellationToken.None);
        var loaded = await NewStore().LoadAsync(Topic, 0, CancellationToken.None);

        Assert.Equal(["a=a3"], Describe(loaded));
        Assert.Equal(110, loaded.Checkpoint!.NextOffset);
    }

    [ContractFact]
    public async Task SaveAsync_AnotherInstanceSavedSinceTheLoad_ConflictAndItsStateKept()
    {
        var first = await LoadedStoreAsync(0);
        var second = await LoadedStoreAsync(0);
        await second.SaveAsync(Topic, 0, Changes(40, ("a", "from second")), CancellationToken.None);

        var conflict = await Assert.ThrowsAsync<WindowStateConflictException>(() =>
            first.SaveAsync(Topic, 0, Changes(30, ("a", "from first")), CancellationToken.None));
        var loaded = await NewStore().LoadAsync(Topic, 0, CancellationToken.None);

        Assert.Equal(0, conflict.Partition);
        Assert.Equal(40, loaded.Checkpoint!.NextOffset);
        Assert.Equal(["a=from second"], Describe(loaded));
    }

    [ContractFact]
    public async Task SaveAsync_TwoInstancesStartBothWithoutACheckpoint_SecondFirstSaveConflicts()
    {
        var first = await LoadedStoreAsync(0);
        var second = await LoadedStoreAsync(0);
        await first.SaveAsync(Topic, 0, Changes(10, ("a", "a1")), CancellationToken.None);

        await Assert.ThrowsAsync<WindowStateConflictException>(() => second.SaveAsync(Topic, 0, Changes(10, ("b", "b1")), CancellationToken.None));
    }

    [ContractFact]
    public async Task SaveAsync_StateLargerThanOneProperty_SplitAndJoined()
    {
        var store = await LoadedStoreAsync(0);
        var large = new byte[(StateChunks.ChunkBytes * 3) + 17];
        new Random(7).NextBytes(large);

        await store.SaveAsync(Topic, 0, new WindowStateChanges(new(5, Watermark), [new UserStateChange("big", large)]), CancellationToken.None);
        var loaded = await NewStore().LoadAsync(Topic, 0, CancellationToken.None);

        Assert.Equal(large, loaded.Users["big"].ToArray());
    }

    [ContractFact]
    public async Task SaveAsync_StateLargerThanAnEntityHolds_ClearErrorAndNothingCheckpointed()
    {
        var store = await LoadedStoreAsync(0);
        await store.SaveAsync(Topic, 0, Changes(5, ("a", "a1")), CancellationToken.None);

        var error = await Assert.ThrowsAsync<WindowStateTooLargeException>(() => store.SaveAsync(
            Topic, 0, new WindowStateChanges(new(9, Watermark), [new UserStateChange("big", new byte[StateChunks.MaxBytes + 1])]), CancellationToken.None));
        var loaded = await NewStore().LoadAsync(Topic, 0, CancellationToken.None);

        Assert.Contains("Windowing:MaxEventsPerUserWindow", error.Message, StringComparison.Ordinal);
        Assert.Contains("big", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, loaded.Checkpoint!.NextOffset);
    }

    [ContractFact]
    public async Task SaveAsync_MoreUsersThanOneTransactionHolds_AllSaved()
    {
        var store = await LoadedStoreAsync(0);
        var users = Enumerable.Range(0, 250).Select(index => ($"user-{index:D3}", (string?)$"state {index}")).ToArray();

        await store.SaveAsync(Topic, 0, Changes(300, users), CancellationToken.None);
        var loaded = await NewStore().LoadAsync(Topic, 0, CancellationToken.None);

        Assert.Equal(users.Select(user => $"{user.Item1}={user.Item2}"), Describe(loaded));
    }

    [ContractFact]
    public async Task SaveAsync_UserKeysWithCharactersTableKeysRefuse_RoundTrip()
    {
        var store = await LoadedStoreAsync(0);

        await store.SaveAsync(Topic, 0, Changes(3, ("a/b", "1"), ("c#d?e", "2"), ("f|g%h\\i", "3")), CancellationToken.None);
        var loaded = await NewStore().LoadAsync(Topic, 0, CancellationToken.None);

        Assert.Equal(["a/b=1", "c#d?e=2", "f|g%h\\i=3"], Describe(loaded));
    }

    [ContractFact]
    public async Task SaveAsync_OnePartition_OtherPartitionUntouched()
    {
        var store = await LoadedStoreAsync(0);
        await store.LoadAsync(Topic, 1, CancellationToken.None);

        await store.SaveAsync(Topic, 0, Changes(3, ("a", "p0")), CancellationToken.None);
        await store.SaveAsync(Topic, 1, Changes(8, ("a", "p1")), CancellationToken.None);

        Assert.Equal(["a=p0"], Describe(await NewStore().LoadAsync(Topic, 0, CancellationToken.None)));
        Assert.Equal(["a=p1"], Describe(await NewStore().LoadAsync(Topic, 1, CancellationToken.None)));
    }

    [ContractFact]
    public async Task SaveAsync_PartitionNotLoadedHere_Throws()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => NewStore().SaveAsync(Topic, 4, Changes(3, ("a", "1")), CancellationToken.None));
    }

    private static WindowStateChanges Changes(long nextOffset, params (string User, string? State)[] users) => new(
        new PartitionCheckpoint(nextOffset, Watermark.AddSeconds(nextOffset)),
        [.. users.Select(user => new UserStateChange(user.User, user.State is null ? (ReadOnlyMemory<byte>?)null : Encoding.UTF8.GetBytes(user.State)))]);

    private static string[] Describe(PartitionWindowState state) =>
        [.. state.Users.OrderBy(user => user.Key, StringComparer.Ordinal).Select(user => $"{user.Key}={Encoding.UTF8.GetString(user.Value.Span)}")];

    private TableWindowStateStore NewStore() => new(_table);

    private async Task<TableWindowStateStore> LoadedStoreAsync(int partition)
    {
        var store = NewStore();
        await store.LoadAsync(Topic, partition, CancellationToken.None);
        return store;
    }

    private async Task<string[]> RowKeysAsync(int partition)
    {
        var keys = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {WindowStateKeys.Partition(Topic, partition)}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter))
        {
            keys.Add(entity.RowKey);
        }

        return [.. keys.Order(StringComparer.Ordinal)];
    }
}
