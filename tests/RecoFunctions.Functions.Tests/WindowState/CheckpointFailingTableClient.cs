using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using RecoFunctions.Functions.WindowState;

namespace RecoFunctions.Functions.Tests.WindowState;

/// <summary>
/// A real table client (Azurite) whose checkpoint writes fail while <see cref="FailCheckpoint"/> is set: the table is
/// left as a process killed between a save's user rows and its checkpoint would leave it.
/// </summary>
public sealed class CheckpointFailingTableClient(TableClient inner) : TableClient
{
    public bool FailCheckpoint { get; set; }

    public override Task<Response<TableItem>> CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        inner.CreateIfNotExistsAsync(cancellationToken);

    public override AsyncPageable<T> QueryAsync<T>(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default) =>
        inner.QueryAsync<T>(filter, maxPerPage, select, cancellationToken);

    public override Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> transactionActions, CancellationToken cancellationToken = default) =>
        inner.SubmitTransactionAsync(transactionActions, cancellationToken);

    public override Task<Response> AddEntityAsync<T>(T entity, CancellationToken cancellationToken = default) =>
        Checked(entity) ?? inner.AddEntityAsync(entity, cancellationToken);

    public override Task<Response> UpdateEntityAsync<T>(T entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default) =>
        Checked(entity) ?? inner.UpdateEntityAsync(entity, ifMatch, mode, cancellationToken);

    public override Task<Response> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default) =>
        inner.DeleteEntityAsync(partitionKey, rowKey, ifMatch, cancellationToken);

    private Task<Response>? Checked(ITableEntity entity) =>
        FailCheckpoint && entity.RowKey == WindowStateKeys.CheckpointRow
            ? Task.FromException<Response>(new RequestFailedException(503, "checkpoint write refused by the test"))
            : null;
}
