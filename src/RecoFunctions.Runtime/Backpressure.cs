using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace RecoFunctions.Runtime;

/// <summary>
/// Keeps memory bounded without starving the fetcher. Under the limit (<c>Runtime:MaxInFlightMessages</c>, or every
/// partition's <c>Runtime:MaxBufferedPerPartition</c> together if that is less) the poll thread takes what the consumer
/// fetched; at the limit it <em>holds</em>: it takes nothing more until batches finish, which in a backlog is a matter
/// of milliseconds, while librdkafka keeps what it prefetched (up to its own queue bounds). Pausing instead would throw
/// the prefetched messages away, and once every partition of a broker is paused librdkafka's fetcher sleeps up to a
/// second before it notices a resume: a backlog drained in bursts with idle gaps between them.
/// A hold longer than <see cref="MaxHold"/> means messages that do not finish (a flow whose service is down); those must
/// not starve the other flows, so the limit is <em>pressed</em>: the partitions over their share of the limit are paused,
/// and the others take messages again, each paused at its share, until in flight is back under the limit. A paused
/// partition resumes once half its share is left. Poll thread only.
/// </summary>
internal sealed class Backpressure(RuntimeOptions options, RuntimeMetrics metrics, TimeProvider timeProvider, ILogger logger, Action<Error> onError)
{
    /// <summary>Longest hold before the limit is pressed: far longer than a backlog's batches take to finish.</summary>
    public static readonly TimeSpan MaxHold = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(10);

    private int _share = 1;
    private long _limit = 1;
    private long? _holdingSince;
    private bool _checkRequested;
    private long _lastCheck;

    /// <summary>Some partition is paused: the poll loop polls briefly and looks at resuming often.</summary>
    public bool AnyPaused { get; private set; }

    /// <summary>A hold lasted longer than <see cref="MaxHold"/>: partitions are paused at their share until in flight is under the limit.</summary>
    public bool Pressed { get; private set; }

    /// <summary>Whether the poll thread may take one more message from the consumer now.</summary>
    public bool TakesMore => Pressed || metrics.InFlight < _limit;

    /// <summary>Messages of a paused partition were finished: look at resuming at the next occasion.</summary>
    public void RequestCheck() => _checkRequested = true;

    /// <summary>The assignment changed: shares and the limit are recomputed.</summary>
    public void Reassigned(IReadOnlyCollection<PartitionLane> lanes)
    {
        var count = Math.Max(1, lanes.Count);
        _share = Math.Max(1, Math.Min(options.MaxBufferedPerPartition, options.MaxInFlightMessages / count));
        _limit = Math.Min(options.MaxInFlightMessages, (long)options.MaxBufferedPerPartition * count);
        AnyPaused = lanes.Any(lane => lane.Paused);
    }

    /// <summary>
    /// Whether the poll thread holds (takes no message) now: in flight is at the limit and has been for less than
    /// <see cref="MaxHold"/>. Past that the limit is pressed: the partitions over their share are paused and the others
    /// take messages again.
    /// </summary>
    public bool Holds(IConsumer<byte[]?, byte[]?> consumer, IEnumerable<PartitionLane> lanes, long now)
    {
        if (metrics.InFlight < _limit)
        {
            _holdingSince = null;
            Pressed = false;
            return false;
        }

        if (Pressed)
        {
            return false;
        }

        _holdingSince ??= now;
        if (timeProvider.GetElapsedTime(_holdingSince.Value, now) < MaxHold)
        {
            return true;
        }

        Pressed = true;
        RuntimeLog.LimitPressed(logger, metrics.InFlight, MaxHold);
        Pause(consumer, [.. lanes.Where(lane => !lane.Paused && lane.Offsets.Unfinished >= _share)]);
        return false;
    }

    /// <summary>A message of <paramref name="lane"/> was just consumed: while the limit is pressed, the lane pauses at its share.</summary>
    public void AfterDispatch(IConsumer<byte[]?, byte[]?> consumer, PartitionLane lane)
    {
        if (Pressed && !lane.Paused && lane.Offsets.Unfinished >= _share)
        {
            Pause(consumer, [lane]);
        }
    }

    public void ResumeWhereDrained(IConsumer<byte[]?, byte[]?> consumer, IEnumerable<PartitionLane> lanes, long now)
    {
        if (!AnyPaused || (!_checkRequested && timeProvider.GetElapsedTime(_lastCheck, now) < CheckInterval))
        {
            return;
        }

        _checkRequested = false;
        _lastCheck = now;
        var paused = lanes.Where(lane => lane.Paused).ToList();
        var ready = paused.Where(lane => lane.Offsets.Unfinished <= _share / 2).ToList();
        AnyPaused = paused.Count > 0;
        if (ready.Count == 0)
        {
            return;
        }

        try
        {
            consumer.Resume(ready.Select(lane => lane.KafkaPartition));
        }
        catch (KafkaException exception)
        {
            onError(exception.Error);
            return;
        }

        foreach (var lane in ready)
        {
            lane.Paused = false;
        }

        AnyPaused = paused.Count > ready.Count;
        if (logger.IsEnabled(LogLevel.Debug))
        {
            RuntimeLog.Resumed(logger, PartitionRanges.Format(ready.Select(lane => lane.Partition)), metrics.InFlight);
        }
    }

    private void Pause(IConsumer<byte[]?, byte[]?> consumer, List<PartitionLane> lanes)
    {
        if (lanes.Count == 0)
        {
            return;
        }

        try
        {
            consumer.Pause(lanes.Select(lane => lane.KafkaPartition));
        }
        catch (KafkaException exception)
        {
            onError(exception.Error);
            return;
        }

        foreach (var lane in lanes)
        {
            lane.Paused = true;
        }

        AnyPaused = true;
        if (logger.IsEnabled(LogLevel.Debug))
        {
            RuntimeLog.Paused(logger, PartitionRanges.Format(lanes.Select(lane => lane.Partition)), metrics.InFlight);
        }
    }
}
