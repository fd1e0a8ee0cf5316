using System.Runtime.ExceptionServices;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using RecoFunctions.Core.Flows;

namespace RecoFunctions.Local.Runtime;

/// <summary>
/// The poll thread: the only user of the consumer. It subscribes to every flow's topic, routes messages to one
/// <see cref="PartitionWorker"/> per assigned partition, pauses a partition whose buffer is full (its share of
/// <c>Runtime:MaxInFlightMessages</c>, at most <c>Runtime:MaxBufferedPerPartition</c>) and resumes it when half drained,
/// commits finished offsets periodically, on revocation and at shutdown, and serves rebalances (incremental with
/// cooperative-sticky assignment).
/// </summary>
internal sealed class ConsumerLoop
{
    private static readonly TimeSpan HousekeepingInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LatencyWindow = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ResumeCheckInterval = TimeSpan.FromMilliseconds(10);

    private readonly ConsumerConfig _config;
    private readonly Dictionary<string, FlowDefinition> _flowsByTopic;
    private readonly RuntimeOptions _options;
    private readonly WorkerDependencies _dependencies;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RateLimiter _rateLimiter;
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private readonly Dictionary<RuntimePartition, PartitionWorker> _workers = [];
    private readonly CancellationTokenSource _faulted = new();
    private PartitionWorker[] _published = [];
    private PartitionWorker? _lastWorker;
    private Exception? _fault;
    private int _resumeRequested;
    private bool _anyPaused;
    private int _pauseAbove = 1;
    private bool _stopping;
    private long _lastResumeCheck;

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
    }

    /// <summary>The workers of the partitions assigned now; safe to read from any thread.</summary>
    public IReadOnlyList<PartitionWorker> Workers => Volatile.Read(ref _published);

    /// <summary>Messages consumed but not finished when the loop stopped: not committed, so redelivered later.</summary>
    public long LeftUnfinished { get; private set; }

    /// <summary>A worker finished some messages of a paused partition: the poll thread should look at resuming.</summary>
    public void RequestResumeCheck() => Interlocked.Exchange(ref _resumeRequested, 1);

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
                CommitFinished(consumer, _workers.Values, "interval");
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

            if (_anyPaused)
            {
                ResumeWhereDrained(consumer, now);
            }

            ConsumeResult<byte[]?, byte[]?>? result;
            try
            {
                result = consumer.Consume(_anyPaused ? 10 : 100);
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
        if (!worker.Paused && (worker.Offsets.Unfinished >= _pauseAbove || _dependencies.Metrics.InFlight >= _options.MaxInFlightMessages))
        {
            Pause(consumer, [worker]);
        }
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

    private void Pause(IConsumer<byte[]?, byte[]?> consumer, List<PartitionWorker> workers)
    {
        try
        {
            consumer.Pause(workers.Select(worker => worker.KafkaPartition));
        }
        catch (KafkaException exception)
        {
            OnConsumeError(exception.Error);
            return;
        }

        foreach (var worker in workers)
        {
            worker.Paused = true;
        }

        _anyPaused = true;
        RuntimeLog.Paused(_logger, Describe(workers), _dependencies.Metrics.InFlight);
    }

    private void ResumeWhereDrained(IConsumer<byte[]?, byte[]?> consumer, long now)
    {
        if (Interlocked.Exchange(ref _resumeRequested, 0) == 0 && _time.GetElapsedTime(_lastResumeCheck, now) < ResumeCheckInterval)
        {
            return;
        }

        _lastResumeCheck = now;
        var inFlight = _dependencies.Metrics.InFlight;
        var paused = _workers.Values.Where(worker => worker.Paused).ToList();
        _anyPaused = paused.Count > 0;
        if (inFlight >= _options.MaxInFlightMessages)
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
            OnConsumeError(exception.Error);
            return;
        }

        foreach (var worker in ready)
        {
            worker.Paused = false;
        }

        _anyPaused = paused.Count > ready.Count;
        RuntimeLog.Resumed(_logger, Describe(ready), inFlight);
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

    /// <summary>Commits, per partition, the first unfinished offset (or the one after the last consumed) when it moved.</summary>
    private void CommitFinished(IConsumer<byte[]?, byte[]?> consumer, IEnumerable<PartitionWorker> workers, string why)
    {
        List<(PartitionWorker Worker, TopicPartitionOffset Offset)>? commits = null;
        foreach (var worker in workers)
        {
            if (worker.Offsets.TryGetCommit(out var position))
            {
                (commits ??= []).Add((worker, new TopicPartitionOffset(worker.KafkaPartition, new Offset(position))));
            }
        }

        if (commits is null)
        {
            return;
        }

        try
        {
            consumer.Commit(commits.Select(commit => commit.Offset));
            foreach (var (worker, offset) in commits)
            {
                worker.Offsets.MarkCommitted(offset.Offset.Value);
            }

            RuntimeLog.Committed(_logger, string.Join(", ", commits.Select(commit => $"{commit.Worker.Partition}@{commit.Offset.Offset.Value}")), why);
        }
        catch (TopicPartitionOffsetException exception)
        {
            foreach (var result in exception.Results)
            {
                var commit = commits.Find(candidate => candidate.Offset.TopicPartition == result.TopicPartition);
                if (!result.Error.IsError && commit.Worker is not null)
                {
                    commit.Worker.Offsets.MarkCommitted(result.Offset.Value);
                }
                else if (result.Error.IsError && _rateLimiter.ShouldLog("commit:" + result.Error.Code, out _))
                {
                    RuntimeLog.CommitFailed(_logger, $"{result.Topic}[{result.Partition.Value}]", result.Error.Reason);
                }
            }
        }
        catch (KafkaException exception) when (exception.Error.Code != ErrorCode.Local_NoOffset)
        {
            if (_rateLimiter.ShouldLog("commit:" + exception.Error.Code, out _))
            {
                RuntimeLog.CommitFailed(_logger, string.Join(", ", commits.Select(commit => commit.Worker.Partition.ToString())), exception.Error.Reason);
            }
        }
        catch (KafkaException)
        {
            // Local_NoOffset: nothing new to commit.
        }
    }

    private void OnAssigned(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartition> partitions)
    {
        if (_stopping)
        {
            return;
        }

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

        CommitFinished(consumer, revoked, "revoked");
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
            CommitFinished(consumer, workers, "shutdown");
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
                CommitFinished(consumer, workers, "draining");
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
        _anyPaused = _workers.Values.Any(worker => worker.Paused);

        // Each partition gets its share of the in-flight limit, so that the limit holds without pausing every partition
        // at once (which would stall them all together and refetch everything on resume).
        _pauseAbove = Math.Max(1, Math.Min(_options.MaxBufferedPerPartition, _options.MaxInFlightMessages / Math.Max(1, _workers.Count)));
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
