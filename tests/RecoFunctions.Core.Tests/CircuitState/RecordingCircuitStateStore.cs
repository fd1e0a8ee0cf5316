using RecoFunctions.Core.CircuitState;

namespace RecoFunctions.Core.Tests.CircuitState;

/// <summary>
/// One instance's view of a shared store: counts its reads and writes, and can run an action just before a write
/// (to let another instance win a race) or fail writes.
/// </summary>
internal sealed class RecordingCircuitStateStore(ICircuitStateStore inner) : ICircuitStateStore
{
    private int _reads;
    private int _writes;

    public int Reads => Volatile.Read(ref _reads);

    public int Writes => Volatile.Read(ref _writes);

    /// <summary>Runs before the next write reaches the store, once.</summary>
    public Func<Task>? BeforeNextWrite { get; set; }

    public int FailingWrites { get; set; }

    public Task<StoredCircuitState?> ReadAsync(string serviceName, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        return inner.ReadAsync(serviceName, cancellationToken);
    }

    public async Task<CircuitStateWriteResult> WriteAsync(CircuitStateRecord record, string? ifMatch, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writes);
        if (FailingWrites > 0)
        {
            FailingWrites--;
            throw new HttpRequestException("store unavailable");
        }

        if (BeforeNextWrite is { } before)
        {
            BeforeNextWrite = null;
            await before();
        }

        return await inner.WriteAsync(record, ifMatch, cancellationToken);
    }
}
