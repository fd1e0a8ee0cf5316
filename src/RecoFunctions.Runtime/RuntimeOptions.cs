using System.ComponentModel.DataAnnotations;
using RecoFunctions.Core.Configuration;

namespace RecoFunctions.Runtime;

/// <summary>
/// The <c>Runtime</c> configuration section: batching, memory bounds, commit cadence and shutdown of <c>reco run</c>.
/// Memory is bounded by <see cref="MaxInFlightMessages"/> and <see cref="MaxBufferedPerPartition"/>, not by the backlog.
/// </summary>
public sealed class RuntimeOptions
{
    public const string SectionName = "Runtime";

    /// <summary>Most messages of one partition processed as one batch (one workflow run).</summary>
    [Range(1, 10_000)]
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>
    /// How long an idle partition waits, after a message arrives, for more before it processes a batch that is not full.
    /// A busy partition does not wait: what queued behind the previous batch goes at once.
    /// </summary>
    [TimeSpanRange("00:00:00", "00:00:01")]
    public TimeSpan MaxBatchDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Most batches of one partition running side by side. Batches that share a key never do: a later one waits for the
    /// earlier, so each key's versions are delivered in partition order. 1 runs a partition's batches one after another.
    /// </summary>
    [Range(1, 64)]
    public int MaxBatchesPerPartition { get; set; } = 4;

    /// <summary>
    /// Messages consumed but not finished, all partitions together: at the limit the runtime takes no more until some
    /// finish. Each partition gets an equal share of it (see <see cref="MaxBufferedPerPartition"/>).
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxInFlightMessages { get; set; } = 20_000;

    /// <summary>
    /// Cap of one partition's share of <see cref="MaxInFlightMessages"/> (so with few partitions the runtime takes at
    /// most this many per partition). When the limit holds for longer than a second (messages that do not finish, as in
    /// a service outage), partitions over their share pause until half of it is left, so the others go on.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxBufferedPerPartition { get; set; } = 2_000;

    /// <summary>How often finished offsets are committed.</summary>
    [TimeSpanRange("00:00:00.010", "00:05:00")]
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Longest a graceful stop waits for in-flight batches before it abandons them (they are redelivered later). The
    /// consumer is not polled meanwhile, so it stays below librdkafka's max.poll.interval.ms (5 min by default).
    /// </summary>
    [TimeSpanRange("00:00:00", "00:04:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest a rebalance waits for the in-flight batches of revoked partitions before handing them over.</summary>
    [TimeSpanRange("00:00:00", "00:04:00")]
    public TimeSpan RebalanceTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Least wait before the workflow runs again for messages that are still failing transiently.</summary>
    [TimeSpanRange("00:00:00.010", "00:10:00")]
    public TimeSpan PendingRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often <c>reco run</c> reports its figures when it cannot draw a live view.</summary>
    [TimeSpanRange("00:00:00.100", "01:00:00")]
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(5);
}
