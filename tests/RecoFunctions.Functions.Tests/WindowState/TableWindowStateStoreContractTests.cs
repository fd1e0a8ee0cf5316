using Azure.Data.Tables;
using RecoFunctions.Core.Windowing;
using RecoFunctions.Functions.Tests.CircuitState;
using RecoFunctions.Functions.WindowState;
using RecoFunctions.Testing;

namespace RecoFunctions.Functions.Tests.WindowState;

/// <summary>The window-state store contract both runtimes' stores pass, here against Azurite's table service.</summary>
[SkipUnless(typeof(AzuriteTables))]
public sealed class TableWindowStateStoreContractTests : WindowStateStoreContractTests
{
    protected override Task<IWindowStateStore> CreateStoreAsync() => Task.FromResult<IWindowStateStore>(
        new TableWindowStateStore(new TableClient(AzuriteTables.ConnectionString, "WindowStateContract" + Guid.NewGuid().ToString("N")[..12])));
}
