namespace RecoFunctions.Functions.WindowState;

/// <summary>
/// The partition's checkpoint changed since this instance loaded or saved it: another instance owns the partition now
/// (a rebalance). Nothing of this save is checkpointed; the host drops its state and reloads it on the next batch.
/// </summary>
public sealed class WindowStateConflictException(string topic, int partition, Exception? inner = null)
    : Exception($"The window-state checkpoint of {topic}/{partition} was written by another instance since it was read here.", inner)
{
    public string Topic { get; } = topic;

    public int Partition { get; } = partition;
}
