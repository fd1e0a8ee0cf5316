using System.Text;
using Confluent.Kafka;
using RecoFunctions.Core.Flows;
using RecoFunctions.Local.Accounting;
using RecoFunctions.Runtime.Kafka;

namespace RecoFunctions.Local.Workload;

/// <summary>
/// Sends a workload to Kafka, as fast as the producer takes it or paced at a rate, and returns what Kafka acknowledged
/// as a <see cref="WorkloadManifest"/>. Each record's timestamp (CreateTime), from which end-to-end latency is measured,
/// is its send time; paced, the earlier of that and its intended send time (<see cref="SendSchedule"/>), so that
/// latency is free of coordinated omission. Used by <c>reco produce</c>, the demo, benchmarks and tests.
/// </summary>
public sealed class WorkloadProducer
{
    private const int PacedChunk = 512;
    private const int CancellationCheckInterval = 1024;

    private readonly PipelineOptions _pipeline;
    private readonly TimeProvider _timeProvider;
    private DeliveryTracker? _tracker;

    public WorkloadProducer(PipelineOptions pipeline, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        _pipeline = pipeline;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// Producer settings for throughput without giving up safety: acks from all replicas, idempotence, 5 ms linger,
    /// batches of up to 10,000 messages or 1 MB, a deep queue, and values up to 8 MiB so that oversized hostile values
    /// reach the broker. <c>Kafka:Producer:*</c> entries override any of them.
    /// </summary>
    public static ProducerConfig CreateConfig(string bootstrapServers, KafkaOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(bootstrapServers);
        options ??= new KafkaOptions();
        var config = KafkaClientConfigs.Producer(options, bootstrapServers);
        config.ClientId = options.ClientId + "-produce";
        config.LingerMs = 5;
        config.BatchSize = 1_000_000;
        config.BatchNumMessages = 10_000;
        config.QueueBufferingMaxMessages = 500_000;
        config.MessageMaxBytes = 8 * 1024 * 1024;
        foreach (var (key, value) in options.Producer)
        {
            config.Set(key, value);
        }

        return config;
    }

    public static IProducer<byte[]?, byte[]?> CreateProducer(string bootstrapServers, KafkaOptions? options = null) =>
        CreateProducer(CreateConfig(bootstrapServers, options));

    public static IProducer<byte[]?, byte[]?> CreateProducer(ProducerConfig config)
    {
        LibrdkafkaLoader.EnsureInstalled();
        return new ProducerBuilder<byte[]?, byte[]?>(config)
            .SetLogHandler(static (_, _) => { })
            .Build();
    }

    /// <summary>How far the current (or last) send has got, for progress displays; zero before the first.</summary>
    public ProduceProgress Progress => Volatile.Read(ref _tracker) is { } tracker
        ? new ProduceProgress(tracker.Attempted, tracker.Attempted - tracker.Outstanding - tracker.Failed, tracker.Failed)
        : default;

    /// <summary>Generates <paramref name="spec"/> and sends it.</summary>
    public Task<ProduceReport> ProduceAsync(IProducer<byte[]?, byte[]?> producer, WorkloadSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var generator = new WorkloadGenerator(spec, _pipeline, _timeProvider);
        var manifest = new WorkloadManifest(_timeProvider.GetUtcNow(), "generated", spec.Seed);
        foreach (var (flow, kind) in generator.Flows)
        {
            manifest.GetOrAdd(flow, kind);
        }

        return ProduceAsync(producer, generator.Generate(), spec.Rate, manifest, cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="messages"/> (0 <paramref name="rate"/>: as fast as possible) and waits for every
    /// acknowledgement. Cancelling stops sending; what was sent is still awaited and reported.
    /// </summary>
    public Task<ProduceReport> ProduceAsync(
        IProducer<byte[]?, byte[]?> producer, IEnumerable<WorkloadMessage> messages, double rate, WorkloadManifest manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(producer);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentOutOfRangeException.ThrowIfNegative(rate);

        // The send loop blocks while the producer's queue is full; it runs on a pool thread, not on the caller's.
        return Task.Run(() => RunAsync(producer, messages, rate, manifest, cancellationToken), CancellationToken.None);
    }

    private async Task<ProduceReport> RunAsync(
        IProducer<byte[]?, byte[]?> producer, IEnumerable<WorkloadMessage> messages, double rate, WorkloadManifest manifest, CancellationToken cancellationToken)
    {
        var tracker = new DeliveryTracker(manifest);
        Volatile.Write(ref _tracker, tracker);
        var schedule = rate > 0 ? new SendSchedule(_timeProvider.GetUtcNow(), rate) : null;
        var started = _timeProvider.GetTimestamp();
        var cancelled = false;
        using (var source = messages.GetEnumerator())
        {
            try
            {
                cancelled = !await SendAllAsync(producer, source, schedule, tracker, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                cancelled = true;
            }
        }

        // Every queued message gets a report within message.timeout.ms, so this ends.
        while (tracker.Outstanding > 0)
        {
            producer.Flush(TimeSpan.FromMilliseconds(100));
        }

        return new ProduceReport(
            manifest,
            tracker.Attempted,
            tracker.Failed,
            tracker.RefusedTooLarge,
            tracker.Bytes,
            _timeProvider.GetElapsedTime(started),
            tracker.FailureSamples,
            cancelled);
    }

    /// <returns>False when cancelled before the end.</returns>
    private async Task<bool> SendAllAsync(
        IProducer<byte[]?, byte[]?> producer, IEnumerator<WorkloadMessage> source, SendSchedule? schedule, DeliveryTracker tracker,
        CancellationToken cancellationToken)
    {
        long sent = 0;
        while (true)
        {
            var turn = _timeProvider.GetUtcNow();
            var allowed = schedule is null ? int.MaxValue : (int)Math.Min(PacedChunk, schedule.DueBy(turn) - sent);
            if (allowed <= 0)
            {
                await Task.Delay(schedule!.Until(sent, turn), _timeProvider, cancellationToken).ConfigureAwait(false);
                continue;
            }

            for (var i = 0; i < allowed; i++)
            {
                if (++sent % CancellationCheckInterval == 0 && cancellationToken.IsCancellationRequested)
                {
                    return false;
                }

                if (!source.MoveNext())
                {
                    return true;
                }

                var now = _timeProvider.GetUtcNow();
                Send(producer, source.Current, schedule?.Timestamp(sent - 1, now) ?? now, tracker);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }
    }

    private static void Send(IProducer<byte[]?, byte[]?> producer, WorkloadMessage message, DateTimeOffset timestamp, DeliveryTracker tracker)
    {
        var record = new Message<byte[]?, byte[]?>
        {
            Key = message.Key is null ? null : Encoding.UTF8.GetBytes(message.Key),
            Value = message.Value,
            Timestamp = new Timestamp(timestamp),
        };
        tracker.Sending();
        while (true)
        {
            try
            {
                producer.Produce(message.Flow.Topic, record, report => tracker.Delivered(report, message));
                return;
            }
            catch (ProduceException<byte[]?, byte[]?> exception) when (exception.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Back-pressure: let the queue drain a little, then try again.
                producer.Flush(TimeSpan.FromMilliseconds(10));
            }
            catch (ProduceException<byte[]?, byte[]?> exception)
            {
                tracker.NotSent(message, exception.Error);
                return;
            }
        }
    }
}
