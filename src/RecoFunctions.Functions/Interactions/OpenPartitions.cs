using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Windowing;

namespace RecoFunctions.Functions.Interactions;

/// <summary>
/// The interactions partitions this instance holds open between invocations, so that a batch does not reload its
/// partition's state from the table. One batch per partition at a time. A partition is opened again from the store
/// when a batch fails on it (its object is then unusable) or when a batch starts past the offset it stands at (another
/// instance processed the records in between, so the state held here is stale). One idle for <see cref="IdleAfter"/>
/// is dropped from memory.
/// </summary>
public sealed class OpenPartitions(
    IWindowStateStore store,
    IClosedWindowPublisher publisher,
    IOptions<WindowingOptions> options,
    TimeProvider timeProvider,
    ILogger<OpenPartitions> logger)
{
    /// <summary>
    /// A partition with no batch for this long is dropped from memory: while assigned, the extension hands a partition a
    /// batch every few seconds, so it has most likely moved to another instance (a quiet one is reloaded when it wakes).
    /// </summary>
    public static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<(string Topic, int Partition), Slot> _slots = new();

    /// <summary>Runs <paramref name="work"/> on the partition, opened as of the store's checkpoint if it is not held or is stale for a batch from <paramref name="firstOffset"/>.</summary>
    public async Task<T> RunAsync<T>(string topic, int partition, long firstOffset, Func<InteractionPartition, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        DropIdle();
        var slot = _slots.GetOrAdd((topic, partition), static _ => new Slot());
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (slot.Partition is { ResumeOffset: { } held } && firstOffset > held)
            {
                InteractionsLog.Stale(logger, topic, partition, held, firstOffset);
                slot.Partition = null;
            }

            slot.Partition ??= await OpenAsync(topic, partition, firstOffset, cancellationToken).ConfigureAwait(false);
            try
            {
                return await work(slot.Partition).ConfigureAwait(false);
            }
            catch
            {
                slot.Partition = null;
                throw;
            }
        }
        finally
        {
            slot.LastUsed = timeProvider.GetUtcNow();
            slot.Gate.Release();
        }
    }

    /// <summary>Partitions held in memory now.</summary>
    public int HeldCount => _slots.Values.Count(slot => slot.Partition is not null);

    private void DropIdle()
    {
        var now = timeProvider.GetUtcNow();
        foreach (var ((topic, partition), slot) in _slots)
        {
            // A slot whose gate is taken is running a batch: not idle.
            if (slot.Partition is not null && now - slot.LastUsed >= IdleAfter && slot.Gate.Wait(0))
            {
                try
                {
                    if (slot.Partition is not null && now - slot.LastUsed >= IdleAfter)
                    {
                        slot.Partition = null;
                        InteractionsLog.Dropped(logger, topic, partition, IdleAfter);
                    }
                }
                finally
                {
                    slot.Gate.Release();
                }
            }
        }
    }

    private async Task<InteractionPartition> OpenAsync(string topic, int partition, long firstOffset, CancellationToken cancellationToken)
    {
        var opened = await InteractionPartition.OpenAsync(topic, partition, store, publisher, options.Value, timeProvider, cancellationToken).ConfigureAwait(false);
        InteractionsLog.Opened(logger, topic, partition, opened.ResumeOffset, opened.UserCount);
        if (opened.ResumeOffset is { } resume && firstOffset > resume)
        {
            // Offsets with no record for us (a transactional producer's markers), or records committed in Kafka but never
            // saved here (a consumer-group reset, a replaced table): a trigger cannot fetch them again either way.
            InteractionsLog.Gap(logger, topic, partition, resume, firstOffset);
        }

        return opened;
    }

    private sealed class Slot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public InteractionPartition? Partition { get; set; }

        public DateTimeOffset LastUsed { get; set; }
    }
}
