using RecoFunctions.Core.CircuitState;
using RecoFunctions.Testing;

namespace RecoFunctions.Core.Tests.CircuitState;

public sealed class InMemoryCircuitStateStoreTests : CircuitStateStoreContractTests
{
    protected override Task<ICircuitStateStore> CreateStoreAsync() => Task.FromResult<ICircuitStateStore>(new InMemoryCircuitStateStore());

    [Fact]
    public async Task WriteAsync_SameRecordTwice_ETagStillChanges()
    {
        var store = new InMemoryCircuitStateStore();
        var record = CircuitStateRecord.Open("content-api", DateTimeOffset.UnixEpoch, "a");
        var first = await store.WriteAsync(record, null, CancellationToken.None);

        var second = await store.WriteAsync(record, first.ETag, CancellationToken.None);

        Assert.True(second.Succeeded);
        Assert.NotEqual(first.ETag, second.ETag);
    }
}
