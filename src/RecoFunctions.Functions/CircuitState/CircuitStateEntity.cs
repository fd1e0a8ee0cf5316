using Azure;
using Azure.Data.Tables;
using RecoFunctions.Core.CircuitState;

namespace RecoFunctions.Functions.CircuitState;

/// <summary>One service's shared breaker state as a table entity (partition <see cref="TableCircuitStateStore.PartitionKeyValue"/>, row = service).</summary>
public sealed class CircuitStateEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>The service name as written (the row key is its lower-case form).</summary>
    public string ServiceName { get; set; } = string.Empty;

    /// <summary><see cref="SharedCircuitStatus"/> by name; stored as text so the table stays readable.</summary>
    public string Status { get; set; } = string.Empty;

    public DateTimeOffset? OpenUntil { get; set; }

    public string? OpenedBy { get; set; }

    public static CircuitStateEntity From(string partitionKey, string rowKey, CircuitStateRecord record) => new()
    {
        PartitionKey = partitionKey,
        RowKey = rowKey,
        ServiceName = record.ServiceName,
        Status = record.Status.ToString(),
        OpenUntil = record.OpenUntil,
        OpenedBy = record.OpenedBy,
    };

    /// <summary>An unknown status reads as closed: a local breaker is never isolated on a record it cannot understand.</summary>
    public CircuitStateRecord ToRecord() => new(
        ServiceName,
        Enum.TryParse<SharedCircuitStatus>(Status, ignoreCase: true, out var status) ? status : SharedCircuitStatus.Closed,
        OpenUntil,
        OpenedBy);
}
