namespace RecoFunctions.Core.Windowing;

/// <summary>
/// Durable window state per source partition: a compacted changelog topic for the self-hosted runtime, Table Storage for
/// the Functions app. A save is all or nothing as seen by the next load: the checkpoint never runs ahead of the users' states.
/// </summary>
public interface IWindowStateStore
{
    Task<PartitionWindowState> LoadAsync(string topic, int partition, CancellationToken cancellationToken);

    Task SaveAsync(string topic, int partition, WindowStateChanges changes, CancellationToken cancellationToken);
}
