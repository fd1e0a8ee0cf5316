using System.Runtime.ExceptionServices;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using RecoFunctions.Core.Flows;

namespace RecoFunctions.Local.Runtime;

/// <summary>
/// The poll thread: the only user of the consumer. It subscribes to every flow's topic, routes messages to one
/// <see cref="PartitionWorker"/> per assigned partition, applies <see cref="Backpressure"/>, commits finished offsets
/// (<see cref="OffsetCommitter"/>) periodically, on revocation and at shutdown, and serves rebalances (incremental with
/// cooperative-sticky assignment).
/// </summary>
internal sealed class ConsumerLoop
{
    private static readonly TimeSpan HousekeepingInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LatencyWindow = TimeSpan.FromSeconds(1);

    private readonly ConsumerConfig _config;
    private readonly Dictionary<string, FlowDefinition> _flowsByTopic;
    private readonly RuntimeOptions _options;
    private readonly WorkerDependencies _dependencies;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RateLimiter _rateLimiter;
    private readonly Backpressure _backpressure;
    private readonly OffsetCommitter _committer;
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private readonly Dictionary<RuntimePartition, PartitionWorker> _workers = [];
    private readonly CancellationTokenSource _faulted = new();
    private PartitionWorker[] _published = [];
    private volatile bool _hasAssignment;
    private PartitionWorker? _lastWorker;
    private Exception? _fault;
    private bool _stopping;

    public ConsumerLoop(
        ConsumerConfig config,
        IReadOnlyList<FlowDefinition> flows,
        Func<ConsumerLoop, WorkerDependencies> dependencies,
        ILogger logger)
    {
        _config = config;
        _flowsByTopic = flows.ToDictionary(flow => flow.Topic, StringComparer.Ordinal);
        _dependencies = dependencies(this);
        _options = _dependencies.Options;
        _time = _dependencies.TimeProvider;
        _logger = logger;
        _rateLimiter = new RateLimiter(_time, TimeSpan.FromSeconds(10));
        _backpressure = new Backpressure(_options, _dependencies.Metrics, _time, logger, OnConsumeError);
        _committer = new OffsetCommitter(logger, _rateLimiter);
    }

    /// <summary>The workers of the partitions assigned now; safe to read from any thread.</summary>
    public IReadOnlyList<PartitionWorker> Workers => Volatile.Read(ref _published);

    /// <summary>
    /// The group gave this consumer an assignment, possibly an empty one (more members than partitions); until then no
    /// worker means "not started yet", afterwards it can also mean "nothing to do here".
    /// </summary>
    public bool HasAssignment => _hasAssignment;

    /// <summary>Messages consumed but not finished when the loop stopped: not committed, so redelivered later.</summary>
    public long LeftUnfinished { get; private set; }

    /// <summary>A worker finished some messages of a paused partition: the poll thread should look at resuming.</summary>
    public void RequestResumeCheck() => _backpressure.RequestCheck();

    /// <summary>A worker failed beyond repair: stop the runtime, and fail <see cref="Run"/> with it.</summary>
    public void Fault(PartitionWorker worker, Exception exception)
    {
        RuntimeLog.WorkerFaulted(_logger, exception, worker.Partition.ToString());
        Interlocked.CompareExchange(ref _fault, exception, null);
        _faulted.Cancel();
    }

    /// <summary>Consumes until <paramref name="stopping"/> is cancelled, then drains, commits and closes. Blocks the calling thread.</summary>
    public void Run(CancellationToken stopping, CancellationToken abort)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(_config)
            .SetErrorHandler((_, error) => OnClientError(error))
            .SetLogHandler((_, message) => RuntimeLog.Librdkafka(_logger, message.Facility, message.Message))
            .SetPartitionsAssignedHandler(OnAssigned)
            .SetPartitionsRevokedHandler(OnRevoked)
            .SetPartitionsLostHandler(OnLost)
            .Build();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stopping, _faulted.Token);
        consumer.Subscribe(_flowsByTopic.Keys);
        var lastCommit = _time.GetTimestamp();
        var lastHousekeeping = lastCommit;
        var lastRotation = lastCommit;
        while (!stop.IsCancellationRequested)
        {
            var now = _time.GetTimestamp();
            if (_time.GetElapsedTime(lastCommit, now) >= _options.CommitInterval)
            {
                _committer.Commit(consumer, _workers.Values, "interval");
                lastCommit = now;
            }

            if (_time.GetElapsedTime(lastHousekeeping, now) >= HousekeepingInterval)
            {
                RefreshWatermarks(consumer);
                lastHousekeeping = now;
                if (_time.GetElapsedTime(lastRotation, now) >= LatencyWindow)
                {
                    _dependencies.Metrics.RotateRecentLatency();
                    lastRotation = now;
                }
            }

            _backpressure.ResumeWhereDrained(consumer, _workers.Values, now);

            ConsumeResult<byte[]?, byte[]?>? result;
            try
            {
                result = consumer.Consume(_backpressure.AnyPaused ? 10 : 100);
            }
            catch (ConsumeException exception)
            {
                OnConsumeError(exception.Error);
                continue;
            }

            if (result is null)
            {
                continue;
            }

            if (result.IsPartitionEOF)
            {
                Find(result.Topic, result.Partition.Value)?.MarkEnd(result.Offset.Value);
                continue;
            }

            Dispatch(consumer, result);
        }

        Shutdown(consumer, abort);
        if (_fault is { } fault)
        {
            ExceptionDispatchInfo.Capture(fault).Throw();
        }
    }

    private void Dispatch(IConsumer<byte[]?, byte[]?> consumer, ConsumeResult<byte[]?, byte[]?> result)
    {
        var worker = Find(result.Topic, result.Partition.Value);
        if (worker is null || !worker.Enqueue(result))
        {
            // Not ours (any more), or seen already: the owner of the partition processes it.
            return;
        }

        _dependencies.Metrics.RecordConsumed(worker.Flow.Name, 1);
        _backpressure.AfterDispatch(consumer, worker);
    }

    private PartitionWorker? Find(string topic, int partition)
    {
        var last = _lastWorker;
        if (last is not null && last.Partition.Partition == partition && string.Equals(last.Partition.Topic, topic, StringComparison.Ordinal))
        {
            return last;
        }

        var found = _workers.GetValueOrDefault(new RuntimePartition(topic, partition));
        _lastWorker = found;
        return found;
    }

    private void RefreshWatermarks(IConsumer<byte[]?, byte[]?> consumer)
    {
        foreach (var worker in _workers.Values)
        {
            // Cached from the latest fetch: no request to the broker.
            var watermarks = consumer.GetWatermarkOffsets(worker.KafkaPartition);
            if (watermarks.High.Value >= 0)
            {
                worker.UpdateHighWatermark(watermarks.High.Value);
            }
        }
    }

    private void OnAssigned(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartition> partitions)
    {
        if (_stopping)
        {
            return;
        }

        _hasAssignment = true;
        var added = new List<PartitionWorker>();
        foreach (var partition in partitions)
        {
            var key = new RuntimePartition(partition.Topic, partition.Partition.Value);
            if (!_flowsByTopic.TryGetValue(partition.Topic, out var flow) || _workers.ContainsKey(key))
            {
                continue;
            }

            var worker = new PartitionWorker(key, flow, _dependencies);
            _workers[key] = worker;
            worker.Start();
            added.Add(worker);
        }

        Publish();
        if (added.Count > 0)
        {
            RuntimeLog.PartitionsAssigned(_logger, added.Count, Describe(added));
        }
    }

    private void OnRevoked(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartitionOffset> partitions)
    {
        var revoked = Remove(partitions.Select(partition => partition.TopicPartition));
        if (revoked.Count == 0)
        {
            return;
        }

        foreach (var worker in revoked)
        {
            worker.Drain();
        }

        if (!WaitFor(revoked, _options.RebalanceTimeout))
        {
            RuntimeLog.RevocationTimedOut(_logger, Describe(revoked), _options.RebalanceTimeout);
        }

        _committer.Commit(consumer, revoked, "revoked");
        var dropped = 0;
        foreach (var worker in revoked)
        {
            worker.Abort();
            dropped += worker.Drop();
        }

        RuntimeLog.PartitionsRevoked(_logger, revoked.Count, Describe(revoked), dropped);
    }

    private void OnLost(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartitionOffset> partitions)
    {
        var lost = Remove(partitions.Select(partition => partition.TopicPartition));
        var dropped = 0;
        foreach (var worker in lost)
        {
            worker.Abort();
            dropped += worker.Drop();
        }

        if (lost.Count > 0)
        {
            RuntimeLog.PartitionsLost(_logger, lost.Count, Describe(lost), dropped);
        }
    }

    private List<PartitionWorker> Remove(IEnumerable<TopicPartition> partitions)
    {
        var removed = new List<PartitionWorker>();
        foreach (var partition in partitions)
        {
            if (_workers.Remove(new RuntimePartition(partition.Topic, partition.Partition.Value), out var worker))
            {
                removed.Add(worker);
            }
        }

        _lastWorker = null;
        Publish();
        return removed;
    }

    private void Shutdown(IConsumer<byte[]?, byte[]?> consumer, CancellationToken abort)
    {
        _stopping = true;
        var workers = _workers.Values.ToList();
        if (workers.Count > 0)
        {
            try
            {
                consumer.Pause(workers.Select(worker => worker.KafkaPartition));
            }
            catch (KafkaException)
            {
                // Stopping anyway; nothing fetched from here on is processed.
            }

            RuntimeLog.Draining(_logger, _options.ShutdownTimeout, _dependencies.Metrics.InFlight);
            foreach (var worker in workers)
            {
                worker.Drain();
            }

            DrainWorkers(consumer, workers, abort);
            _committer.Commit(consumer, workers, "shutdown");
            foreach (var worker in workers)
            {
                worker.Abort();
                LeftUnfinished += worker.Drop();
            }

            _workers.Clear();
            _lastWorker = null;
            Publish();
        }

        try
        {
            consumer.Close();
        }
        catch (KafkaException exception)
        {
            OnConsumeError(exception.Error);
        }
    }

    /// <summary>Waits for the running batches, committing meanwhile, until done, the shutdown timeout, or an abort.</summary>
    private void DrainWorkers(IConsumer<byte[]?, byte[]?> consumer, List<PartitionWorker> workers, CancellationToken abort)
    {
        var all = Task.WhenAll(workers.Select(worker => worker.Completion));
        var started = _time.GetTimestamp();
        var lastCommit = started;
        while (!all.IsCompleted)
        {
            var now = _time.GetTimestamp();
            if (abort.IsCancellationRequested || _time.GetElapsedTime(started, now) >= _options.ShutdownTimeout)
            {
                if (!abort.IsCancellationRequested)
                {
                    RuntimeLog.DrainTimedOut(_logger, _options.ShutdownTimeout, _dependencies.Metrics.InFlight);
                }

                foreach (var worker in workers)
                {
                    worker.Abort();
                }

                WaitFor(workers, TimeSpan.FromSeconds(5));
                return;
            }

            if (_time.GetElapsedTime(lastCommit, now) >= _options.CommitInterval)
            {
                _committer.Commit(consumer, workers, "draining");
                lastCommit = now;
            }

            WaitFor(workers, TimeSpan.FromMilliseconds(20));
        }
    }

    private static bool WaitFor(List<PartitionWorker> workers, TimeSpan timeout)
    {
        try
        {
            return Task.WhenAll(workers.Select(worker => worker.Completion)).Wait(timeout);
        }
        catch (AggregateException)
        {
            // Workers report their own failures; here only completion matters.
            return true;
        }
    }

    private void Publish()
    {
        Volatile.Write(ref _published, [.. _workers.Values]);
        _backpressure.Reassigned(_workers.Values);
    }

    private void OnClientError(Error error)
    {
        if (error.IsFatal)
        {
            RuntimeLog.FatalError(_logger, error.Code.ToString(), error.Reason);
            Interlocked.CompareExchange(ref _fault, new KafkaException(error), null);
            _faulted.Cancel();
            return;
        }

        if (_rateLimiter.ShouldLog("client:" + error.Code, out var suppressed))
        {
            RuntimeLog.ClientError(_logger, error.Code.ToString(), error.Reason, _config.BootstrapServers, suppressed);
        }
    }

    private void OnConsumeError(Error error)
    {
        if (error.IsFatal)
        {
            OnClientError(error);
            return;
        }

        if (error.Code is ErrorCode.UnknownTopicOrPart or ErrorCode.Local_UnknownTopic or ErrorCode.TopicAuthorizationFailed)
        {
            // Logged once per distinct problem: the topic may appear later, and consumption starts then.
            if (_reported.Add(error.Reason))
            {
                RuntimeLog.SubscriptionProblem(_logger, error.Reason);
            }

            return;
        }

        if (_rateLimiter.ShouldLog("consume:" + error.Code, out var suppressed))
        {
            RuntimeLog.ConsumeError(_logger, error.Code.ToString(), error.Reason, suppressed);
        }
    }

    private static string Describe(IEnumerable<PartitionWorker> workers) => string.Join(", ", workers.Select(worker => worker.Partition.ToString()));
}
