using Azure.Data.Tables;

namespace RecoFunctions.Functions.WindowState;

/// <summary>
/// Which user rows make up the state as of a checkpoint: per user the newest row at or below the checkpoint's next
/// offset (none when that is a tombstone). Older rows are superseded; rows above the checkpoint belong to a save that
/// never reached its checkpoint and are ignored (not removed: a live instance may still be about to commit them).
/// </summary>
internal sealed record RowSelection(IReadOnlyList<StoredUserRow> Current, IReadOnlyList<TableEntity> Superseded, IReadOnlyList<TableEntity> Tombstones)
{
    /// <summary>The selection among <paramref name="rows"/>; <paramref name="checkpointNextOffset"/> is null when no checkpoint was ever written, and then no row counts.</summary>
    public static RowSelection AsOf(IEnumerable<StoredUserRow> rows, long? checkpointNextOffset)
    {
        var current = new List<StoredUserRow>();
        var superseded = new List<TableEntity>();
        var tombstones = new List<TableEntity>();
        if (checkpointNextOffset is not { } limit)
        {
            return new RowSelection(current, superseded, tombstones);
        }

        foreach (var user in rows.Where(row => row.NextOffset <= limit).GroupBy(row => row.UserKey, StringComparer.Ordinal))
        {
            var ordered = user.OrderByDescending(row => row.NextOffset).ToList();
            superseded.AddRange(ordered.Skip(1).Select(row => row.Entity));
            if (ordered[0].Removed)
            {
                tombstones.Add(ordered[0].Entity);
            }
            else
            {
                current.Add(ordered[0]);
            }
        }

        return new RowSelection(current, superseded, tombstones);
    }
}
