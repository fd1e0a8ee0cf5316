namespace RecoFunctions.Core.CircuitState;

/// <summary>
/// Outcome of a conditional write. A conflict means another writer got there first (stale ETag, or the record already
/// exists on a create): re-read and decide again; nothing was written.
/// </summary>
public sealed record CircuitStateWriteResult(bool Succeeded, string? ETag)
{
    public static CircuitStateWriteResult Conflict { get; } = new(false, null);

    public bool IsConflict => !Succeeded;

    public static CircuitStateWriteResult Written(string etag) => new(true, etag);
}
