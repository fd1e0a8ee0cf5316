using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RecoFunctions.Core.Windowing;
using RecoFunctions.Functions.Tables;

namespace RecoFunctions.Functions.WindowState;

/// <summary>
/// Window state in Azure Table Storage, one table partition per source topic-partition. A save writes every changed
/// user as a new row keyed by the save's next offset (in entity-group transactions), then the checkpoint (If-Match on
/// the checkpoint's ETag, so a second instance writing the same partition is refused), then removes the rows the new
/// ones supersede. The transactions of a save go out a few at a time (their order does not matter; only the
/// checkpoint waits for all). A load takes, per user, the newest row at or below the checkpoint; rows above it (a save that
/// crashed before its checkpoint) are ignored, so the load gives exactly the state as of the checkpoint.
/// </summary>
public sealed class TableWindowStateStore : IWindowStateStore, IDisposable
{
    /// <summary>Entity-group transactions of one save (or one clean-up) in flight at once.</summary>
    public const int MaxConcurrentTransactions = 4;

    private readonly TableClient _table;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, SavedPartition> _partitions = new(StringComparer.Ordinal);
    private readonly TableCreation _creation;

    public TableWindowStateStore(TableClient table, ILogger<TableWindowStateStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
        _creation = new TableCreation(table);
        _logger = logger ?? NullLogger<TableWindowStateStore>.Instance;
    }

    public async Task<PartitionWindowState> LoadAsync(string topic, int partition, CancellationToken cancellationToken)
    {
        var partitionKey = WindowStateKeys.Partition(topic, partition);
        await _creation.EnsureAsync(cancellationToken).ConfigureAwait(false);

        TableEntity? checkpointEntity = null;
        var rows = new List<StoredUserRow>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.RowKey == WindowStateKeys.CheckpointRow)
            {
                checkpointEntity = entity;
            }
            else if (StoredUserRow.TryRead(entity) is { } row)
            {
                rows.Add(row);
            }
        }

        var checkpoint = checkpointEntity is null ? null : CheckpointRow.Read(checkpointEntity);
        var selection = RowSelection.AsOf(rows, checkpoint?.NextOffset);
        var users = selection.Current.ToDictionary(row => row.UserKey, row => (ReadOnlyMemory<byte>)StateChunks.Read(row.Entity), StringComparer.Ordinal);
        _partitions[partitionKey] = new SavedPartition(
            checkpointEntity?.ETag,
            selection.Current.ToDictionary(row => row.UserKey, row => row.NextOffset, StringComparer.Ordinal));

        await DeleteBestEffortAsync(partitionKey, selection.Superseded, selection.Tombstones, cancellationToken).ConfigureAwait(false);
        WindowStateLog.Loaded(_logger, partitionKey, users.Count, checkpoint?.NextOffset, selection.Superseded.Count + selection.Tombstones.Count);
        return new PartitionWindowState(checkpoint, users);
    }

    public async Task SaveAsync(string topic, int partition, WindowStateChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var partitionKey = WindowStateKeys.Partition(topic, partition);
        if (!_partitions.TryGetValue(partitionKey, out var saved))
        {
            throw new InvalidOperationException($"The window state of {topic}/{partition} is saved before it was loaded here.");
        }

        var nextOffset = changes.Checkpoint.NextOffset;
        var latest = changes.Users.GroupBy(change => change.UserKey, StringComparer.Ordinal).Select(group => group.Last()).ToList();
        var rows = latest.Select(change => NewRow(topic, partition, partitionKey, change, nextOffset)).ToList();
        await Parallel.ForEachAsync(
            TableTransactions.Split(rows.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row))),
            Concurrency(cancellationToken),
            async (transaction, token) => await _table.SubmitTransactionAsync(transaction, token).ConfigureAwait(false)).ConfigureAwait(false);

        var etag = await WriteCheckpointAsync(topic, partition, partitionKey, saved.CheckpointETag, changes.Checkpoint, cancellationToken).ConfigureAwait(false);

        var superseded = new List<TableEntity>();
        var tombstones = new List<TableEntity>();
        var committed = new Dictionary<string, long>(saved.Users, StringComparer.Ordinal);
        foreach (var change in latest)
        {
            if (committed.Remove(change.UserKey, out var previous) && previous != nextOffset)
            {
                superseded.Add(new TableEntity(partitionKey, WindowStateKeys.UserRow(change.UserKey, previous)));
            }

            if (change.State is null)
            {
                tombstones.Add(new TableEntity(partitionKey, WindowStateKeys.UserRow(change.UserKey, nextOffset)));
            }
            else
            {
                committed[change.UserKey] = nextOffset;
            }
        }

        _partitions[partitionKey] = new SavedPartition(etag, committed);
        await DeleteBestEffortAsync(partitionKey, superseded, tombstones, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _creation.Dispose();

    private static TableEntity NewRow(string topic, int partition, string partitionKey, UserStateChange change, long nextOffset)
    {
        if (change.State is { Length: > StateChunks.MaxBytes } state)
        {
            throw new WindowStateTooLargeException(topic, partition, change.UserKey, state.Length, StateChunks.MaxBytes);
        }

        return StoredUserRow.Create(partitionKey, change.UserKey, nextOffset, change.State);
    }

    private async Task<ETag> WriteCheckpointAsync(
        string topic, int partition, string partitionKey, ETag? expected, PartitionCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var entity = CheckpointRow.Create(partitionKey, checkpoint);
        try
        {
            var response = expected is { } etag
                ? await _table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)
                : await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return response.Headers.ETag
                ?? throw new InvalidOperationException($"The table service returned no ETag for the checkpoint of {topic}/{partition}.");
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 409 or 412)
        {
            // Whatever this instance knew of the partition is stale now: the next save must load first.
            _partitions.TryRemove(partitionKey, out _);
            throw new WindowStateConflictException(topic, partition, exception);
        }
    }

    /// <summary>
    /// Superseded rows go first, tombstones after them: a tombstone removed before an older row of its user would let
    /// that row count again. Failures are left for the next load, which selects and removes the same rows.
    /// </summary>
    private async Task DeleteBestEffortAsync(string partitionKey, IReadOnlyList<TableEntity> superseded, IReadOnlyList<TableEntity> tombstones, CancellationToken cancellationToken)
    {
        try
        {
            await DeleteAsync(superseded, cancellationToken).ConfigureAwait(false);
            await DeleteAsync(tombstones, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception)
        {
            WindowStateLog.CleanupFailed(_logger, exception, partitionKey);
        }
    }

    private async Task DeleteAsync(IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(
            TableTransactions.Split(rows.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All))),
            Concurrency(cancellationToken),
            async (transaction, token) =>
            {
                try
                {
                    await _table.SubmitTransactionAsync(transaction, token).ConfigureAwait(false);
                }
                catch (TableTransactionFailedException exception) when (exception.Status == 404)
                {
                    // A row already gone (another load removed it) fails the whole transaction: delete one by one.
                    foreach (var action in transaction)
                    {
                        await DeleteIfExistsAsync(action.Entity, token).ConfigureAwait(false);
                    }
                }
            }).ConfigureAwait(false);
    }

    /// <summary>Transactions of one save go out a few at a time: each is a round trip, and only the checkpoint has to wait for all of them.</summary>
    private static ParallelOptions Concurrency(CancellationToken cancellationToken) => new()
    {
        MaxDegreeOfParallelism = MaxConcurrentTransactions,
        CancellationToken = cancellationToken,
    };

    private async Task DeleteIfExistsAsync(ITableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // Gone already, which is all a delete wants.
        }
    }

    /// <summary>What this instance last read or wrote of a partition: the checkpoint's ETag and each user's committed row.</summary>
    private sealed record SavedPartition(ETag? CheckpointETag, IReadOnlyDictionary<string, long> Users);
}
