using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using RecoFunctions.Core.Diagnostics;

namespace RecoFunctions.Runtime;

/// <summary>
/// Counters of one runtime, kept twice: as plain fields for <see cref="PipelineRuntime.Snapshot"/> and as instruments
/// of the <c>RecoFunctions</c> meter for exporters. Updated per batch where possible; thread-safe without locks on the
/// hot path.
/// </summary>
internal sealed class RuntimeMetrics
{
    public const string MeterName = "RecoFunctions";

    private readonly ConcurrentDictionary<DeadLetterKey, StrongBox<long>> _deadLetters = new();
    private readonly LatencyRecorder _latency = new();
    private readonly RecentLatency _recent = new();
    private readonly LatencyRecorder _windowFreshness = new();
    private readonly Counter<long> _consumedCounter;
    private readonly Counter<long> _deliveredCounter;
    private readonly Counter<long> _deadLetteredCounter;
    private readonly Counter<long> _retriesCounter;
    private readonly UpDownCounter<long> _inFlightCounter;
    private readonly Histogram<double> _latencyHistogram;
    private readonly Histogram<double> _windowFreshnessHistogram;
    private long _consumed;
    private long _delivered;
    private long _stale;
    private long _deadLettered;
    private long _retries;
    private long _inFlight;
    private long _pending;
    private long _heldTicks;

    public RuntimeMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _consumedCounter = meter.CreateCounter<long>("reco.runtime.consumed", "{message}", "Messages consumed from Kafka, by flow.");
        _deliveredCounter = meter.CreateCounter<long>("reco.runtime.delivered", "{message}", "Messages delivered, by flow and outcome (delivered or stale).");
        _deadLetteredCounter = meter.CreateCounter<long>("reco.runtime.dead_lettered", "{message}", "Messages dead-lettered, by flow, reason and stage.");
        _retriesCounter = meter.CreateCounter<long>("reco.runtime.retries", "{message}", "Messages sent through enrichment and delivery again after a transient failure.");
        _inFlightCounter = meter.CreateUpDownCounter<long>("reco.runtime.in_flight", "{message}", "Messages consumed and not finished.");
        _latencyHistogram = meter.CreateHistogram<double>("reco.runtime.latency", "s", "End-to-end latency: Kafka timestamp to the end of delivery.");
        _windowFreshnessHistogram = meter.CreateHistogram<double>("reco.runtime.window_freshness", "s", "Windowed flows: from the Kafka timestamp of the oldest record of a batch that closed windows to the recommender taking their features.");
    }

    public long Consumed => Volatile.Read(ref _consumed);

    public long Delivered => Volatile.Read(ref _delivered);

    public long Stale => Volatile.Read(ref _stale);

    public long DeadLettered => Volatile.Read(ref _deadLettered);

    public long Retries => Volatile.Read(ref _retries);

    public long InFlight => Volatile.Read(ref _inFlight);

    public long Pending => Volatile.Read(ref _pending);

    /// <summary>Time the poll thread held at the in-flight limit (took no message), summed.</summary>
    public TimeSpan HeldAtLimit => TimeSpan.FromTicks(Volatile.Read(ref _heldTicks));

    public void RecordConsumed(string flow, int count)
    {
        Interlocked.Add(ref _consumed, count);
        Interlocked.Add(ref _inFlight, count);
        _consumedCounter.Add(count, new KeyValuePair<string, object?>("flow", flow));
        _inFlightCounter.Add(count);
    }

    /// <summary>Messages whose offsets the poll thread completed: no longer in flight.</summary>
    public void RecordFinished(int count)
    {
        if (count > 0)
        {
            Interlocked.Add(ref _inFlight, -count);
            _inFlightCounter.Add(-count);
        }
    }

    /// <summary>Messages dropped unfinished (revoked or lost partition): no longer in flight here.</summary>
    public void RecordDropped(int count)
    {
        if (count > 0)
        {
            Interlocked.Add(ref _inFlight, -count);
            _inFlightCounter.Add(-count);
        }
    }

    public void RecordDelivered(string flow, int delivered, int stale)
    {
        Interlocked.Add(ref _delivered, delivered);
        Interlocked.Add(ref _stale, stale);
        if (delivered > 0)
        {
            _deliveredCounter.Add(delivered, new TagList { { "flow", flow }, { "outcome", "delivered" } });
        }

        if (stale > 0)
        {
            _deliveredCounter.Add(stale, new TagList { { "flow", flow }, { "outcome", "stale" } });
        }
    }

    public void RecordLatency(string flow, TimeSpan latency)
    {
        if (latency < TimeSpan.Zero)
        {
            latency = TimeSpan.Zero;
        }

        _latency.Record(latency);
        _recent.Record(latency);
        if (_latencyHistogram.Enabled)
        {
            _latencyHistogram.Record(latency.TotalSeconds, new KeyValuePair<string, object?>("flow", flow));
        }
    }

    public void RecordDeadLettered(string flow, string stage, string reason)
    {
        Interlocked.Increment(ref _deadLettered);
        Interlocked.Increment(ref _deadLetters.GetOrAdd(new DeadLetterKey(flow, stage, reason), static _ => new StrongBox<long>()).Value);
        _deadLetteredCounter.Add(1, new TagList { { "flow", flow }, { "reason", reason }, { "stage", stage } });
    }

    public void RecordRetries(string flow, int count)
    {
        Interlocked.Add(ref _retries, count);
        _retriesCounter.Add(count, new KeyValuePair<string, object?>("flow", flow));
    }

    public void AddPending(int count) => Interlocked.Add(ref _pending, count);

    /// <summary>Poll thread: it held at the in-flight limit for <paramref name="held"/>.</summary>
    public void AddHeld(TimeSpan held) => Interlocked.Add(ref _heldTicks, held.Ticks);

    /// <summary>Starts a new window of <see cref="RecentLatencySummary"/>; called about once a second.</summary>
    public void RotateRecentLatency() => _recent.Rotate();

    public LatencySummary LatencySummary() => _latency.Summarize();

    public LatencySummary RecentLatencySummary() => _recent.Summarize();

    /// <summary>
    /// How long closed windows took to reach the recommender, per batch that closed any: measured from the oldest record
    /// of the batch, so an upper bound of the time since the record that moved the watermark past their end.
    /// </summary>
    public void RecordWindowFreshness(string flow, TimeSpan freshness)
    {
        _windowFreshness.Record(freshness);
        if (_windowFreshnessHistogram.Enabled)
        {
            _windowFreshnessHistogram.Record(freshness.TotalSeconds, new KeyValuePair<string, object?>("flow", flow));
        }
    }

    public LatencySummary WindowFreshnessSummary() => _windowFreshness.Summarize();

    public IReadOnlyList<DeadLetterCount> DeadLetterCounts() =>
        [.. _deadLetters
            .Select(pair => new DeadLetterCount(pair.Key.Flow, pair.Key.Stage, pair.Key.Reason, Volatile.Read(ref pair.Value.Value)))
            .OrderByDescending(count => count.Count)
            .ThenBy(count => count.Flow, StringComparer.Ordinal)
            .ThenBy(count => count.Stage, StringComparer.Ordinal)
            .ThenBy(count => count.Reason, StringComparer.Ordinal)];

    private readonly record struct DeadLetterKey(string Flow, string Stage, string Reason);
}
