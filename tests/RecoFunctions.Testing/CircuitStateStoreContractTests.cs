using RecoFunctions.Core.CircuitState;
using Xunit;

namespace RecoFunctions.Testing;

/// <summary>
/// What every <see cref="ICircuitStateStore"/> must do. A store's test class derives from this and supplies the store;
/// each test uses service names of its own, so a store shared between tests (a real table) works too.
/// </summary>
public abstract class CircuitStateStoreContractTests
{
    private static readonly DateTimeOffset BaseTime = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A store to test; may be shared between tests, but must be usable from many threads at once.</summary>
    protected abstract Task<ICircuitStateStore> CreateStoreAsync();

    /// <summary>Service names are unique per test so that tests never see each other's records.</summary>
    protected virtual string NewServiceName() => "svc-" + Guid.NewGuid().ToString("N")[..12];

    [ContractFact]
    public async Task ReadAsync_MissingRecord_ReturnsNull()
    {
        var store = await CreateStoreAsync();

        Assert.Null(await store.ReadAsync(NewServiceName(), CancellationToken.None));
    }

    [ContractFact]
    public async Task WriteAsync_CreateWithoutETag_StoresRecordWithReturnedETag()
    {
        var store = await CreateStoreAsync();
        var record = CircuitStateRecord.Open(NewServiceName(), BaseTime.AddSeconds(15), "instance-a");

        var result = await store.WriteAsync(record, ifMatch: null, CancellationToken.None);
        var stored = await store.ReadAsync(record.ServiceName, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.False(string.IsNullOrEmpty(result.ETag));
        Assert.NotNull(stored);
        Assert.Equal(record, stored.Record);
        Assert.Equal(result.ETag, stored.ETag);
    }

    [ContractFact]
    public async Task WriteAsync_CreateWhenRecordExists_ConflictsAndKeepsRecord()
    {
        var store = await CreateStoreAsync();
        var service = NewServiceName();
        var first = CircuitStateRecord.Open(service, BaseTime.AddSeconds(15), "instance-a");
        await store.WriteAsync(first, ifMatch: null, CancellationToken.None);

        var second = await store.WriteAsync(CircuitStateRecord.Open(service, BaseTime.AddSeconds(99), "instance-b"), ifMatch: null, CancellationToken.None);

        Assert.True(second.IsConflict);
        Assert.Equal(first, (await store.ReadAsync(service, CancellationToken.None))!.Record);
    }

    [ContractFact]
    public async Task WriteAsync_MatchingETag_UpdatesRecordAndChangesETag()
    {
        var store = await CreateStoreAsync();
        var service = NewServiceName();
        var created = await store.WriteAsync(CircuitStateRecord.Open(service, BaseTime.AddSeconds(15), "instance-a"), null, CancellationToken.None);
        var update = new CircuitStateRecord(service, SharedCircuitStatus.Closed, null, "instance-b");

        var result = await store.WriteAsync(update, created.ETag, CancellationToken.None);
        var stored = await store.ReadAsync(service, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.NotEqual(created.ETag, result.ETag);
        Assert.Equal(update, stored!.Record);
        Assert.Equal(result.ETag, stored.ETag);
    }

    [ContractFact]
    public async Task WriteAsync_StaleETag_RejectedAndStoreUnchanged()
    {
        var store = await CreateStoreAsync();
        var service = NewServiceName();
        var created = await store.WriteAsync(CircuitStateRecord.Open(service, BaseTime.AddSeconds(15), "instance-a"), null, CancellationToken.None);
        var latest = CircuitStateRecord.Open(service, BaseTime.AddSeconds(30), "instance-b");
        var updated = await store.WriteAsync(latest, created.ETag, CancellationToken.None);

        var stale = await store.WriteAsync(CircuitStateRecord.Open(service, BaseTime.AddSeconds(20), "instance-c"), created.ETag, CancellationToken.None);
        var stored = await store.ReadAsync(service, CancellationToken.None);

        Assert.True(stale.IsConflict);
        Assert.Equal(latest, stored!.Record);
        Assert.Equal(updated.ETag, stored.ETag);
    }

    [ContractFact]
    public async Task WriteAsync_ETagOfMissingRecord_Conflicts()
    {
        var store = await CreateStoreAsync();
        var other = NewServiceName();
        var created = await store.WriteAsync(CircuitStateRecord.Open(other, BaseTime, "instance-a"), null, CancellationToken.None);

        var result = await store.WriteAsync(CircuitStateRecord.Open(NewServiceName(), BaseTime, "instance-a"), created.ETag, CancellationToken.None);

        Assert.True(result.IsConflict);
    }

    [ContractFact]
    public async Task WriteAsync_ConcurrentReadModifyWriteLoops_LoseNoUpdate()
    {
        const int Writers = 20;
        const int IncrementsPerWriter = 5;
        var store = await CreateStoreAsync();
        var service = NewServiceName();
        await store.WriteAsync(CircuitStateRecord.Open(service, BaseTime, "seed"), null, CancellationToken.None);

        // Each increment moves OpenUntil by one second; a lost update would leave the total short.
        var writers = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var increment = 0; increment < IncrementsPerWriter; increment++)
            {
                await UpdateWithRetriesAsync(store, service, current =>
                    CircuitStateRecord.Open(service, current!.OpenUntil!.Value.AddSeconds(1), $"writer-{writer}"));
            }
        }));
        await Task.WhenAll(writers);

        var stored = await store.ReadAsync(service, CancellationToken.None);
        Assert.Equal(BaseTime.AddSeconds(Writers * IncrementsPerWriter), stored!.Record.OpenUntil);
    }

    [ContractFact]
    public async Task WriteAsync_ConcurrentPublishersKeepingTheLater_StoreEndsWithTheLatest()
    {
        var store = await CreateStoreAsync();
        var service = NewServiceName();
        var untils = Enumerable.Range(1, 20).Select(i => BaseTime.AddSeconds((i * 7) % 20)).ToList();

        var publishers = untils.Select((until, index) => Task.Run(() => UpdateWithRetriesAsync(store, service, current =>
            current?.OpenUntil >= until ? null : CircuitStateRecord.Open(service, until, $"publisher-{index}"))));
        await Task.WhenAll(publishers);

        var stored = await store.ReadAsync(service, CancellationToken.None);
        Assert.Equal(untils.Max(), stored!.Record.OpenUntil);
    }

    [ContractFact]
    public async Task WriteAsync_DistinctServices_AreIndependent()
    {
        var store = await CreateStoreAsync();
        var first = NewServiceName();
        var second = NewServiceName();
        var firstCreated = await store.WriteAsync(CircuitStateRecord.Open(first, BaseTime.AddSeconds(1), "a"), null, CancellationToken.None);
        var secondRecord = CircuitStateRecord.Open(second, BaseTime.AddSeconds(2), "b");
        var secondCreated = await store.WriteAsync(secondRecord, null, CancellationToken.None);

        var firstUpdated = await store.WriteAsync(CircuitStateRecord.Open(first, BaseTime.AddSeconds(3), "a"), firstCreated.ETag, CancellationToken.None);
        var secondStored = await store.ReadAsync(second, CancellationToken.None);

        Assert.True(secondCreated.Succeeded);
        Assert.True(firstUpdated.Succeeded);
        Assert.Equal(secondRecord, secondStored!.Record);
        Assert.Equal(secondCreated.ETag, secondStored.ETag);
        Assert.True((await store.WriteAsync(secondRecord with { OpenedBy = "c" }, secondCreated.ETag, CancellationToken.None)).Succeeded);
    }

    /// <summary>Read-modify-write until the write wins; <paramref name="change"/> returning null means nothing to write.</summary>
    private static async Task UpdateWithRetriesAsync(ICircuitStateStore store, string service, Func<CircuitStateRecord?, CircuitStateRecord?> change)
    {
        for (var attempt = 0; attempt < 10_000; attempt++)
        {
            var current = await store.ReadAsync(service, CancellationToken.None);
            var next = change(current?.Record);
            if (next is null)
            {
                return;
            }

            // Let other writers in between the read and the write, as network latency would.
            await Task.Yield();

            var result = await store.WriteAsync(next, current?.ETag, CancellationToken.None);
            if (result.Succeeded)
            {
                return;
            }
        }

        Assert.Fail($"No write to {service} succeeded in 10,000 attempts.");
    }
}
