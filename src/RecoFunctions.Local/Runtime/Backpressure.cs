using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace RecoFunctions.Local.Runtime;

/// <summary>
/// Keeps memory bounded: a partition is paused on the consumer once its unfinished messages reach its share of
/// <c>Runtime:MaxInFlightMessages</c> (at most <c>Runtime:MaxBufferedPerPartition</c>), or once everything in flight
/// reaches the limit, and resumed when half drained. Shares rather than one global stop keep partitions staggered:
/// pausing all at once stalls them together and makes librdkafka fetch everything again on resume. Poll thread only,
/// except <see cref="RequestCheck"/>.
/// </summary>
internal sealed class Backpressure(RuntimeOptions options, RuntimeMetrics metrics, TimeProvider timeProvider, ILogger logger, Action<Error> onError)
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(10);

    private int _pauseAbove = 1;
    private int _checkRequested;
    private long _lastCheck;

    /// <summary>Some partition is paused: the poll loop polls briefly and looks at resuming often.</summary>
    public bool AnyPaused { get; private set; }

    /// <summary>A worker finished messages of a paused partition; any thread.</summary>
    public void RequestCheck() => Interlocked.Exchange(ref _checkRequested, 1);

    /// <summary>The assignment changed: shares are recomputed.</summary>
    public void Reassigned(IReadOnlyCollection<PartitionWorker> workers)
    {
        _pauseAbove = Math.Max(1, Math.Min(options.MaxBufferedPerPartition, options.MaxInFlightMessages / Math.Max(1, workers.Count)));
        AnyPaused = workers.Any(worker => worker.Paused);
    }

    /// <summary>A message of <paramref name="worker"/> was just handed over.</summary>
    public void AfterDispatch(IConsumer<byte[]?, byte[]?> consumer, PartitionWorker worker)
    {
        if (!worker.Paused && (worker.Offsets.Unfinished >= _pauseAbove || metrics.InFlight >= options.MaxInFlightMessages))
        {
            Pause(consumer, [worker]);
        }
    }

    public void ResumeWhereDrained(IConsumer<byte[]?, byte[]?> consumer, IEnumerable<PartitionWorker> workers, long now)
    {
        if (!AnyPaused || (Interlocked.Exchange(ref _checkRequested, 0) == 0 && timeProvider.GetElapsedTime(_lastCheck, now) < CheckInterval))
        {
            return;
        }

        _lastCheck = now;
        var inFlight = metrics.InFlight;
        var paused = workers.Where(worker => worker.Paused).ToList();
        AnyPaused = paused.Count > 0;
        if (inFlight >= options.MaxInFlightMessages)
        {
            return;
        }

        var ready = paused.Where(worker => worker.Offsets.Unfinished <= _pauseAbove / 2).ToList();
        if (ready.Count == 0)
        {
            return;
        }

        try
        {
            consumer.Resume(ready.Select(worker => worker.KafkaPartition));
        }
        catch (KafkaException exception)
        {
            onError(exception.Error);
            return;
        }

        foreach (var worker in ready)
        {
            worker.Paused = false;
        }

        AnyPaused = paused.Count > ready.Count;
        if (logger.IsEnabled(LogLevel.Debug))
        {
            RuntimeLog.Resumed(logger, string.Join(", ", ready.Select(worker => worker.Partition.ToString())), inFlight);
        }
    }

    private void Pause(IConsumer<byte[]?, byte[]?> consumer, List<PartitionWorker> workers)
    {
        try
        {
            consumer.Pause(workers.Select(worker => worker.KafkaPartition));
        }
        catch (KafkaException exception)
        {
            onError(exception.Error);
            return;
        }

        foreach (var worker in workers)
        {
            worker.Paused = true;
        }

        AnyPaused = true;
        if (logger.IsEnabled(LogLevel.Debug))
        {
            RuntimeLog.Paused(logger, string.Join(", ", workers.Select(worker => worker.Partition.ToString())), metrics.InFlight);
        }
    }
}
