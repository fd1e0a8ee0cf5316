using RecoFunctions.Functions.Tests.Durable.Host;

namespace RecoFunctions.Functions.Tests.Durable;

/// <summary>One app on the in-process durable host per test class; each test resets it and uses partitions of its own.</summary>
public sealed class DurableAppFixture : IAsyncLifetime
{
    private DurableAppHost? _host;

    public DurableAppHost Host => _host ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>The host with a healthy sandbox and nothing recorded.</summary>
    public DurableAppHost Reset()
    {
        Host.Reset();
        return Host;
    }

    public async Task InitializeAsync() => _host = await DurableAppHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
