namespace RecoFunctions.Sandbox.Tests;

/// <summary>A sandbox started for each test with <paramref name="options"/>, and a client against it.</summary>
public abstract class SandboxEndpointTest(SandboxOptions? options = null) : IAsyncLifetime
{
    private SandboxHost? _host;
    private SandboxHttp? _http;

    private protected SandboxHost Host => _host ?? throw new InvalidOperationException("The sandbox is not started.");

    private protected SandboxHttp Http => _http ?? throw new InvalidOperationException("The sandbox is not started.");

    public async Task InitializeAsync()
    {
        _host = await SandboxHost.StartAsync(options ?? new SandboxOptions(), CancellationToken.None);
        _http = new SandboxHttp(_host);
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
