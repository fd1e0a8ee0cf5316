using Azure.Data.Tables;

namespace RecoFunctions.Functions.WindowState;

/// <summary>Cuts a partition's writes into entity-group transactions: at most 100 operations and 4 MiB of request each.</summary>
internal static class TableTransactions
{
    public const int MaxActions = 100;

    /// <summary>Below the service's 4 MiB, for the request's framing; binary goes over the wire as base64 (4/3).</summary>
    private const long MaxEstimatedBytes = 3L * 1024 * 1024;

    private const int RowOverheadBytes = 2048;

    public static IEnumerable<IReadOnlyList<TableTransactionAction>> Split(IEnumerable<TableTransactionAction> actions)
    {
        var current = new List<TableTransactionAction>();
        long bytes = 0;
        foreach (var action in actions)
        {
            var size = EstimatedBytes(action.Entity);
            if (current.Count > 0 && (current.Count == MaxActions || bytes + size > MaxEstimatedBytes))
            {
                yield return current;
                current = [];
                bytes = 0;
            }

            current.Add(action);
            bytes += size;
        }

        if (current.Count > 0)
        {
            yield return current;
        }
    }

    private static long EstimatedBytes(ITableEntity entity) =>
        RowOverheadBytes + (entity is IDictionary<string, object> table ? table.Values.OfType<byte[]>().Sum(chunk => (chunk.LongLength + 2) / 3 * 4) : 0);
}
