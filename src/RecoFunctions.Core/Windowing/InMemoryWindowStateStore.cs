using System.Collections.Concurrent;

namespace RecoFunctions.Core.Windowing;

/// <summary>
/// Window state in process memory, per topic and partition: for tests and for runs with no infrastructure, where state
/// lives as long as the process. A save replaces the changed users and then the checkpoint, like the durable stores. It
/// keeps the saved memory itself, not a copy: what is saved must not change afterwards (the windows hand over fresh arrays).
/// </summary>
public sealed class InMemoryWindowStateStore : IWindowStateStore
{
    private readonly ConcurrentDictionary<(string Topic, int Partition), PartitionEntry> _partitions = new();

    /// <summary>Saves taken, over all partitions.</summary>
    public int SaveCount => _partitions.Values.Sum(entry => entry.Saves);

    public Task<PartitionWindowState> LoadAsync(string topic, int partition, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_partitions.TryGetValue((topic, partition), out var entry))
        {
            return Task.FromResult(PartitionWindowState.Empty);
        }

        lock (entry)
        {
            // A copy: later saves must not change a state already handed out.
            return Task.FromResult(new PartitionWindowState(entry.Checkpoint, new Dictionary<string, ReadOnlyMemory<byte>>(entry.Users, StringComparer.Ordinal)));
        }
    }

    public Task SaveAsync(string topic, int partition, WindowStateChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        cancellationToken.ThrowIfCancellationRequested();
        var entry = _partitions.GetOrAdd((topic, partition), static _ => new PartitionEntry());
        lock (entry)
        {
            foreach (var change in changes.Users)
            {
                if (change.State is { } state)
                {
                    entry.Users[change.UserKey] = state;
                }
                else
                {
                    entry.Users.Remove(change.UserKey);
                }
            }

            entry.Checkpoint = changes.Checkpoint;
            entry.Saves++;
        }

        return Task.CompletedTask;
    }

    private sealed class PartitionEntry
    {
        public Dictionary<string, ReadOnlyMemory<byte>> Users { get; } = new(StringComparer.Ordinal);

        public PartitionCheckpoint? Checkpoint { get; set; }

        public int Saves { get; set; }
    }
}
