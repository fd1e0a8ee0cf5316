using Azure;
using Azure.Data.Tables;
using RecoFunctions.Core.CircuitState;
using RecoFunctions.Functions.Tables;

namespace RecoFunctions.Functions.CircuitState;

/// <summary>
/// Shared breaker state in Azure Table Storage: one entity per service, optimistic concurrency through the table's
/// ETags. A create is an insert (409 when the entity exists: conflict); an update is a replace with If-Match (412 when
/// the ETag is stale, 404 when the entity is gone: conflict). The table is created on first use.
/// </summary>
public sealed class TableCircuitStateStore : ICircuitStateStore, IDisposable
{
    public const string PartitionKeyValue = "circuit";

    private readonly TableClient _table;
    private readonly TableCreation _creation;

    public TableCircuitStateStore(TableClient table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
        _creation = new TableCreation(table);
    }

    public async Task<StoredCircuitState?> ReadAsync(string serviceName, CancellationToken cancellationToken)
    {
        var rowKey = RowKey(serviceName);
        await _creation.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<CircuitStateEntity>(PartitionKeyValue, rowKey, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (!response.HasValue || response.Value is not { } entity)
        {
            return null;
        }

        return new StoredCircuitState(entity.ToRecord(), entity.ETag.ToString());
    }

    public async Task<CircuitStateWriteResult> WriteAsync(CircuitStateRecord record, string? ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entity = CircuitStateEntity.From(PartitionKeyValue, RowKey(record.ServiceName), record);
        await _creation.EnsureAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = ifMatch is null
                ? await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false)
                : await _table.UpdateEntityAsync(entity, new ETag(ifMatch), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            var etag = response.Headers.ETag
                ?? throw new InvalidOperationException($"The table service returned no ETag for the write of '{record.ServiceName}'.");
            return CircuitStateWriteResult.Written(etag.ToString());
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 409 or 412)
        {
            return CircuitStateWriteResult.Conflict;
        }
    }

    public void Dispose() => _creation.Dispose();

    /// <summary>Service names are case-insensitive (as in the in-memory store); table keys are not, so keys are lower-case.</summary>
    internal static string RowKey(string serviceName)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        foreach (var character in serviceName)
        {
            if (character is '/' or '\\' or '#' or '?' || char.IsControl(character))
            {
                throw new ArgumentException($"Service name '{serviceName}' contains a character that table keys do not allow.", nameof(serviceName));
            }
        }

        return serviceName.ToLowerInvariant();
    }
}
