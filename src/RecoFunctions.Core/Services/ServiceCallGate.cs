using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace RecoFunctions.Core.Services;

/// <summary>
/// Bounds the requests in flight per service across all batches of this process (<see cref="ServiceEndpointOptions.MaxConcurrency"/>,
/// read once per service). Sits outside the resilience pipeline, so a slot is held for a call's retries too.
/// </summary>
internal sealed class ServiceCallGate(IOptionsMonitor<ServiceEndpointOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public async ValueTask<Releaser> EnterAsync(string service, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(service, static (name, monitor) =>
        {
            var limit = monitor.Get(name).MaxConcurrency;
            return new SemaphoreSlim(limit, limit);
        }, options);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(gate);
    }

    public void Dispose()
    {
        foreach (var gate in _gates.Values)
        {
            gate.Dispose();
        }
    }

    internal readonly struct Releaser(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
