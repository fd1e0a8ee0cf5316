using RecoFunctions.Core.Windowing;
using RecoFunctions.Testing;

namespace RecoFunctions.Core.Tests.Windowing;

public sealed class InMemoryWindowStateStoreTests : WindowStateStoreContractTests
{
    private readonly InMemoryWindowStateStore _store = new();

    protected override Task<IWindowStateStore> CreateStoreAsync() => Task.FromResult<IWindowStateStore>(_store);
}
