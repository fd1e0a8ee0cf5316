using Microsoft.Extensions.Hosting;

namespace RecoFunctions.Sandbox;

/// <summary>Leaves Ctrl+C and SIGTERM to the process that embeds the sandbox; it stops when disposed.</summary>
internal sealed class PassiveHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
