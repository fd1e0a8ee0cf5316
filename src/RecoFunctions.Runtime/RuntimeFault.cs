using Microsoft.Extensions.Logging;

namespace RecoFunctions.Runtime;

/// <summary>
/// A batch failed beyond repair: the first such failure stops the runtime (the poll thread watches <see cref="Token"/>)
/// and is rethrown by it. Batches report here instead of calling into the poll thread.
/// </summary>
internal sealed class RuntimeFault(ILogger logger) : IDisposable
{
    private readonly CancellationTokenSource _faulted = new();
    private Exception? _exception;

    public CancellationToken Token => _faulted.Token;

    public Exception? Exception => Volatile.Read(ref _exception);

    /// <summary>Any thread.</summary>
    public void Report(string partition, Exception exception)
    {
        RuntimeLog.WorkerFaulted(logger, exception, partition);
        Raise(exception);
    }

    /// <summary>Any thread: stop with <paramref name="exception"/> (e.g. a fatal client error), without the batch log line.</summary>
    public void Raise(Exception exception)
    {
        Interlocked.CompareExchange(ref _exception, exception, null);
        _faulted.Cancel();
    }

    public void Dispose() => _faulted.Dispose();
}
