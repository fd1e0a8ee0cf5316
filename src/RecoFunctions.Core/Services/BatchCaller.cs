using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Diagnostics;

namespace RecoFunctions.Core.Services;

/// <summary>
/// Makes the <see cref="SharedBatchCall{TItem, TAnswer}"/> of each batch operation (one per operation, held by the step or
/// delivery that uses it) and ends their requests when the process stops.
/// </summary>
internal sealed class BatchCaller : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly SharedBatchCallDependencies _dependencies;
    private int _disposed;

    public BatchCaller(
        ServiceCallGate gate,
        IOptionsMonitor<ServiceEndpointOptions> options,
        ServiceMetrics metrics,
        TimeProvider timeProvider,
        ILogger<BatchCaller> logger)
    {
        _dependencies = new SharedBatchCallDependencies(gate, options, metrics, timeProvider, logger, _stopping.Token);
    }

    /// <param name="service">The service, whose batch size and concurrency bound apply.</param>
    /// <param name="operation">The operation's name in metrics and logs.</param>
    /// <param name="send">Sends one request with the given items and returns the answers in request order.</param>
    public SharedBatchCall<TItem, TAnswer> Create<TItem, TAnswer>(
        string service, string operation, Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TAnswer>>> send) =>
        new(service, operation, send, _dependencies);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }
}
