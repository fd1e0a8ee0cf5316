using RecoFunctions.Core.Windowing;

namespace RecoFunctions.Runtime.Windows;

/// <summary>
/// Rebuilds a partition's window state from its changelog records, in log order. A save writes its users and then its
/// checkpoint, so users' records count only once a checkpoint follows them: the tail of a save cut short by a crash is
/// left out, and the state is exactly the one of the last checkpoint. A snapshot marker starts a save that rewrites every
/// user, so what came before it no longer matters; when the log no longer starts at its beginning (the broker dropped
/// old records), replay starts at the first snapshot instead.
/// </summary>
internal sealed class ChangelogReplay
{
    private readonly Dictionary<string, ReadOnlyMemory<byte>> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReadOnlyMemory<byte>?> _pending = new(StringComparer.Ordinal);
    private bool _pendingSnapshot;
    private bool _synced;
    private PartitionCheckpoint? _checkpoint;

    /// <param name="completeLog">The log starts at offset 0; otherwise records before the first snapshot are partial.</param>
    public ChangelogReplay(bool completeLog)
    {
        _synced = completeLog;
    }

    /// <summary>Records that were applied or are pending (not counting those skipped before the first snapshot).</summary>
    public long Records { get; private set; }

    /// <summary>Bytes of keys and values in the log since the last snapshot marker (or since its start).</summary>
    public long BytesSinceSnapshot { get; private set; }

    /// <summary>Whether the last save in the log was cut short (users written, no checkpoint after them).</summary>
    public bool HasIncompleteTail => _pendingSnapshot || _pending.Count > 0;

    /// <summary>The state as of the last complete save, or null when a partial log held no complete snapshot.</summary>
    public PartitionWindowState? State => _synced ? new PartitionWindowState(_checkpoint, new Dictionary<string, ReadOnlyMemory<byte>>(_users, StringComparer.Ordinal)) : null;

    /// <summary>The live users as of the last complete save; the store keeps them to write snapshots.</summary>
    public IReadOnlyDictionary<string, ReadOnlyMemory<byte>> Users => _users;

    public void Apply(ReadOnlySpan<byte> key, byte[]? value)
    {
        var kind = ChangelogCodec.KindOf(key, out var userKey);
        if (kind == ChangelogKeyKind.Snapshot)
        {
            _pending.Clear();
            _pendingSnapshot = true;
            Records++;
            BytesSinceSnapshot = key.Length + (value?.Length ?? 0);
            return;
        }

        BytesSinceSnapshot += key.Length + (value?.Length ?? 0);

        if (!_synced && !_pendingSnapshot)
        {
            // A partial log: a record before the first snapshot changes a state this replay never saw.
            return;
        }

        Records++;
        switch (kind)
        {
            case ChangelogKeyKind.User:
                // A null value is a removal, not an empty state.
                _pending[userKey!] = value is null ? (ReadOnlyMemory<byte>?)null : value;
                break;
            case ChangelogKeyKind.Checkpoint when value is not null:
                Complete(ChangelogCodec.DecodeCheckpoint(value));
                break;
            default:
                // Not written by this version (or a deleted checkpoint): nothing a state is made of.
                break;
        }
    }

    private void Complete(PartitionCheckpoint checkpoint)
    {
        if (_pendingSnapshot)
        {
            _users.Clear();
            _pendingSnapshot = false;
            _synced = true;
        }

        foreach (var (user, state) in _pending)
        {
            if (state is { } bytes)
            {
                _users[user] = bytes;
            }
            else
            {
                _users.Remove(user);
            }
        }

        _pending.Clear();
        _checkpoint = checkpoint;
    }
}
