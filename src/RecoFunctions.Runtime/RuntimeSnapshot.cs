using RecoFunctions.Core.Diagnostics;

namespace RecoFunctions.Runtime;

/// <summary>
/// The figures of a <see cref="PipelineRuntime"/> at one moment. Counters are totals since the runtime started;
/// <see cref="InFlight"/>, <see cref="Pending"/>, lag and partitions are current values.
/// </summary>
/// <param name="TakenAt">When the snapshot was taken.</param>
/// <param name="Elapsed">Time since the runtime started consuming.</param>
/// <param name="Consumed">Messages taken from Kafka (a message redelivered after a rebalance counts again).</param>
/// <param name="Finished">Messages delivered, stale or dead-lettered: their offsets may be committed.</param>
/// <param name="Delivered">Messages the recommender applied.</param>
/// <param name="Stale">Messages the recommender already held in this or a newer version (they count as delivered).</param>
/// <param name="DeadLettered">Messages written to a dead-letter topic (acknowledged by Kafka).</param>
/// <param name="InFlight">Messages consumed and not finished: buffered, being processed or waiting to be retried.</param>
/// <param name="Pending">Messages waiting for another workflow run after transient failures (their partition waits with them).</param>
/// <param name="Retries">Times a message was sent through enrichment and delivery again after a transient failure.</param>
/// <param name="DeadLetters">Dead letters by flow, stage and reason.</param>
/// <param name="Lag">Per flow, messages in Kafka not finished yet, over the partitions assigned here.</param>
/// <param name="Latency">End-to-end latency since start: Kafka timestamp to the end of delivery.</param>
/// <param name="RecentLatency">The same over the last complete second.</param>
/// <param name="Breakers">The circuit breaker of every downstream service.</param>
/// <param name="AssignedPartitions">Partitions this runtime owns.</param>
/// <param name="PausedPartitions">Owned partitions paused because their buffer (or the in-flight limit) is full.</param>
/// <param name="IsIdle">The group assigned this runtime its partitions (possibly none), each is read to its end, and nothing is in flight.</param>
public sealed record RuntimeSnapshot(
    DateTimeOffset TakenAt,
    TimeSpan Elapsed,
    long Consumed,
    long Finished,
    long Delivered,
    long Stale,
    long DeadLettered,
    long InFlight,
    long Pending,
    long Retries,
    IReadOnlyList<DeadLetterCount> DeadLetters,
    IReadOnlyList<FlowLag> Lag,
    LatencySummary Latency,
    LatencySummary RecentLatency,
    IReadOnlyList<BreakerStatus> Breakers,
    IReadOnlyList<RuntimePartition> AssignedPartitions,
    IReadOnlyList<RuntimePartition> PausedPartitions,
    bool IsIdle)
{
    /// <summary>Lag of all flows together.</summary>
    public long TotalLag => Lag.Sum(flow => flow.Lag);

    /// <summary>Consumed messages waiting in their partition's queue to be cut into a batch.</summary>
    public long Queued { get; init; }

    /// <summary>Batches running (intake, waiting for earlier batches of their keys, service calls, backoff).</summary>
    public int RunningBatches { get; init; }

    /// <summary>Partitions whose batch slots (<c>Runtime:MaxBatchesPerPartition</c>) are all taken while messages wait.</summary>
    public IReadOnlyList<RuntimePartition> PartitionsAtBatchLimit { get; init; } = [];

    /// <summary>Windowed flows: per batch that closed windows, from its oldest record's Kafka timestamp to the recommender taking the features.</summary>
    public LatencySummary WindowFreshness { get; init; }

    /// <summary>Batches whose workflow ran to its end.</summary>
    public long Batches { get; init; }

    /// <summary>Of <see cref="Batches"/>, those that waited for an earlier batch of their partition sharing a key (per-key order).</summary>
    public long BatchesThatWaitedForKeys { get; init; }

    /// <summary>The valid events of <see cref="Batches"/>.</summary>
    public long BatchEvents { get; init; }

    /// <summary>Summed over <see cref="Batches"/>: the time each one's deliveries waited for earlier batches of its keys.</summary>
    public TimeSpan BatchesWaitedForKeys { get; init; }

    /// <summary>Summed over <see cref="Batches"/>: the time each one's workflow ran (service calls and backoffs included), that wait left out.</summary>
    public TimeSpan BatchesRan { get; init; }

    /// <summary>
    /// Summed over the events of <see cref="Batches"/>: the time from each record's Kafka timestamp to its batch's start
    /// (producing, fetching and waiting in its partition's queue).
    /// </summary>
    public TimeSpan BatchEventsBeforeStart { get; init; }

    /// <summary>Time the poll thread held at the in-flight limit, taking no message until batches finished, summed.</summary>
    public TimeSpan HeldAtLimit { get; init; }
}
