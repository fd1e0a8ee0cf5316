using RecoFunctions.Core.Windowing;

namespace RecoFunctions.Core.Tests.Windowing;

/// <summary>A store over <see cref="InMemoryWindowStateStore"/> whose saves fail when told to, before anything is written.</summary>
internal sealed class FlakyWindowStateStore(InMemoryWindowStateStore inner) : IWindowStateStore
{
    public Func<bool> FailNext { get; set; } = static () => false;

    public Task<PartitionWindowState> LoadAsync(string topic, int partition, CancellationToken cancellationToken) =>
        inner.LoadAsync(topic, partition, cancellationToken);

    public Task SaveAsync(string topic, int partition, WindowStateChanges changes, CancellationToken cancellationToken) =>
        FailNext() ? throw new IOException("state store unavailable") : inner.SaveAsync(topic, partition, changes, cancellationToken);
}
