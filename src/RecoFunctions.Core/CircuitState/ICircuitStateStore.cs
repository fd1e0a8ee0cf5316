namespace RecoFunctions.Core.CircuitState;

/// <summary>
/// Where breaker state is shared between instances: one record per service, written with optimistic concurrency.
/// Implementations: <see cref="InMemoryCircuitStateStore"/> (one process) and Azure Table Storage. Every implementation
/// must pass the <c>CircuitStateStoreContractTests</c> suite.
/// </summary>
public interface ICircuitStateStore
{
    /// <summary>The service's record and its current ETag, or null if none was ever written.</summary>
    Task<StoredCircuitState?> ReadAsync(string serviceName, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="record"/> if the stored ETag still equals <paramref name="ifMatch"/>; with a null
    /// <paramref name="ifMatch"/>, only if no record exists yet. Otherwise returns <see cref="CircuitStateWriteResult.Conflict"/>
    /// and leaves the store unchanged. Every successful write yields a new ETag.
    /// </summary>
    Task<CircuitStateWriteResult> WriteAsync(CircuitStateRecord record, string? ifMatch, CancellationToken cancellationToken);
}
