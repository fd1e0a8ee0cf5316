using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace RecoFunctions.Runtime;

/// <summary>
/// Keeps memory bounded: a partition is paused on the consumer once its unfinished messages reach its share of
/// <c>Runtime:MaxInFlightMessages</c> (at most <c>Runtime:MaxBufferedPerPartition</c>), or once everything in flight
/// reaches the limit, and resumed when half drained. Shares rather than one global stop keep partitions staggered:
/// pausing all at once stalls them together and makes librdkafka fetch everything again on resume. Poll thread only.
/// </summary>
internal sealed class Backpressure(RuntimeOptions options, RuntimeMetrics metrics, TimeProvider timeProvider, ILogger logger, Action<Error> onError)
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(10);

    private int _pauseAbove = 1;
    private bool _checkRequested;
    private long _lastCheck;

    /// <summary>Some partition is paused: the poll loop polls briefly and looks at resuming often.</summary>
    public bool AnyPaused { get; private set; }

    /// <summary>Messages of a paused partition were finished: look at resuming at the next occasion.</summary>
    public void RequestCheck() => _checkRequested = true;

    /// <summary>The assignment changed: shares are recomputed.</summary>
    public void Reassigned(IReadOnlyCollection<PartitionLane> lanes)
    {
        _pauseAbove = Math.Max(1, Math.Min(options.MaxBufferedPerPartition, options.MaxInFlightMessages / Math.Max(1, lanes.Count)));
        AnyPaused = lanes.Any(lane => lane.Paused);
    }

    /// <summary>A message of <paramref name="lane"/> was just consumed.</summary>
    public void AfterDispatch(IConsumer<byte[]?, byte[]?> consumer, PartitionLane lane)
    {
        if (!lane.Paused && (lane.Offsets.Unfinished >= _pauseAbove || metrics.InFlight >= options.MaxInFlightMessages))
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
        var inFlight = metrics.InFlight;
        var paused = lanes.Where(lane => lane.Paused).ToList();
        AnyPaused = paused.Count > 0;
        if (inFlight >= options.MaxInFlightMessages)
        {
            return;
        }

        var ready = paused.Where(lane => lane.Offsets.Unfinished <= _pauseAbove / 2).ToList();
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
            RuntimeLog.Resumed(logger, string.Join(", ", ready.Select(lane => lane.Partition.ToString())), inFlight);
        }
    }

    private void Pause(IConsumer<byte[]?, byte[]?> consumer, List<PartitionLane> lanes)
    {
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
            RuntimeLog.Paused(logger, string.Join(", ", lanes.Select(lane => lane.Partition.ToString())), metrics.InFlight);
        }
    }
}
