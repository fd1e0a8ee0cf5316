using Azure.Data.Tables;

namespace RecoFunctions.Functions.WindowState;

/// <summary>One user's row as written by the save that brought the partition to <see cref="NextOffset"/>; <see cref="Removed"/> marks a user with no open window left.</summary>
internal sealed record StoredUserRow(string UserKey, long NextOffset, bool Removed, TableEntity Entity)
{
    public const string UserProperty = "User";

    public const string NextOffsetProperty = "NextOffset";

    public const string RemovedProperty = "Removed";

    public static StoredUserRow? TryRead(TableEntity entity) =>
        entity.RowKey.StartsWith(WindowStateKeys.UserRowPrefix, StringComparison.Ordinal)
        && entity.GetString(UserProperty) is { Length: > 0 } user
        && entity.GetInt64(NextOffsetProperty) is { } nextOffset
            ? new StoredUserRow(user, nextOffset, entity.GetBoolean(RemovedProperty) ?? false, entity)
            : null;

    public static TableEntity Create(string partitionKey, string userKey, long nextOffset, ReadOnlyMemory<byte>? state)
    {
        var entity = new TableEntity(partitionKey, WindowStateKeys.UserRow(userKey, nextOffset))
        {
            [UserProperty] = userKey,
            [NextOffsetProperty] = nextOffset,
            [RemovedProperty] = state is null,
        };
        if (state is { } bytes)
        {
            StateChunks.Write(entity, bytes);
        }

        return entity;
    }
}
