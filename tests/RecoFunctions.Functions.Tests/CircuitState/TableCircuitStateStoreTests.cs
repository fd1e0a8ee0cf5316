using Azure.Data.Tables;
using RecoFunctions.Core.CircuitState;
using RecoFunctions.Functions.CircuitState;
using RecoFunctions.Testing;

namespace RecoFunctions.Functions.Tests.CircuitState;

/// <summary>The store contract against Azurite's table service; every test is skipped, with the reason, when Azurite is not running.</summary>
[SkipUnless(typeof(AzuriteTables))]
public sealed class TableCircuitStateStoreTests : CircuitStateStoreContractTests
{
    // One table per test run; the contract's tests use service names of their own, so they can share it.
    private static readonly Lazy<TableCircuitStateStore> Shared = new(() => NewStore());

    private static readonly DateTimeOffset Until = new(2026, 11, 21, 10, 0, 15, TimeSpan.Zero);

    protected override Task<ICircuitStateStore> CreateStoreAsync() => Task.FromResult<ICircuitStateStore>(Shared.Value);

    [ContractFact]
    public async Task ReadAsync_ServiceNameInAnotherCase_SameRecord()
    {
        var store = Shared.Value;
        var service = NewServiceName();
        var written = await store.WriteAsync(CircuitStateRecord.Open(service.ToUpperInvariant(), Until, "a"), null, CancellationToken.None);

        var read = await store.ReadAsync(service, CancellationToken.None);

        Assert.Equal(written.ETag, read!.ETag);
        Assert.Equal(service.ToUpperInvariant(), read.Record.ServiceName);
    }

    [ContractFact]
    public async Task ReadAsync_FreshTable_CreatedOnFirstUse()
    {
        using var store = NewStore();

        Assert.Null(await store.ReadAsync("content-api", CancellationToken.None));
    }

    [ContractFact]
    public async Task WriteAsync_ServiceNameWithKeyCharacterTablesRefuse_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Shared.Value.WriteAsync(CircuitStateRecord.Open("content/api", Until, "a"), null, CancellationToken.None));
    }

    private static TableCircuitStateStore NewStore() =>
        new(new TableClient(AzuriteTables.ConnectionString, "CircuitStateTests" + Guid.NewGuid().ToString("N")[..12]));
}
