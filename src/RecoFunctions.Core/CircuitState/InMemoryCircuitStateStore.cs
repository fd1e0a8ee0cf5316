using System.Globalization;

namespace RecoFunctions.Core.CircuitState;

/// <summary>The breaker state store of a single process (and of tests). Thread-safe; ETags never repeat.</summary>
public sealed class InMemoryCircuitStateStore : ICircuitStateStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, StoredCircuitState> _records = new(StringComparer.OrdinalIgnoreCase);
    private long _version;

    public Task<StoredCircuitState?> ReadAsync(string serviceName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(_records.GetValueOrDefault(serviceName));
        }
    }

    public Task<CircuitStateWriteResult> WriteAsync(CircuitStateRecord record, string? ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(record.ServiceName);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var exists = _records.TryGetValue(record.ServiceName, out var current);
            var matches = ifMatch is null ? !exists : exists && string.Equals(current!.ETag, ifMatch, StringComparison.Ordinal);
            if (!matches)
            {
                return Task.FromResult(CircuitStateWriteResult.Conflict);
            }

            var etag = "v" + (++_version).ToString(CultureInfo.InvariantCulture);
            _records[record.ServiceName] = new StoredCircuitState(record, etag);
            return Task.FromResult(CircuitStateWriteResult.Written(etag));
        }
    }
}
