using System.Runtime.ExceptionServices;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using RecoFunctions.Core.Flows;
using RecoFunctions.Runtime.Kafka;
using RecoFunctions.Runtime.Windows;

namespace RecoFunctions.Runtime;

/// <summary>
/// The poll thread, which owns the consumer and every assigned partition's <see cref="PartitionLane"/>: it fetches,
/// queues each message on its partition's lane, cuts batches (full, once the fetched messages are all taken, or after
/// <c>Runtime:MaxBatchDelay</c>) and hands
/// each to the <see cref="BatchRunner"/>; it takes in what the batches finished (<see cref="FinishedOffsets"/>), applies
/// <see cref="Backpressure"/>, commits (<see cref="OffsetCommitter"/>) periodically, on revocation and at shutdown, and
/// serves rebalances (incremental with cooperative-sticky assignment). A message's way is one-directional: fetch,
/// partition queue, batch, workflow, dead letters and finished offsets, commit.
/// </summary>
internal sealed class ConsumerLoop
{
    private static readonly TimeSpan HousekeepingInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LatencyWindow = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan PausedPoll = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan SlotPoll = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan HoldPoll = TimeSpan.FromMilliseconds(5);

    /// <summary>Messages taken from the client in one go before batches are cut.</summary>
    private const int FetchBurst = 1024;

    private readonly ConsumerConfig _config;
    private readonly Dictionary<string, FlowDefinition> _flowsByTopic;
    private readonly RuntimeOptions _options;
    private readonly BatchRunner _runner;
    private readonly FinishedOffsets _finished;
    private readonly RuntimeFault _fault;
    private readonly RuntimeMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RateLimiter _rateLimiter;
    private readonly Backpressure _backpressure;
    private readonly OffsetCommitter _committer;
    private readonly WindowedPartitions? _windowed;
    private readonly WindowedBatchRunner? _windowedRunner;
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private readonly Dictionary<RuntimePartition, PartitionLane> _lanes = [];
    private PartitionLane[] _published = [];
    private volatile bool _hasAssignment;
    private PartitionLane? _lastLane;
    private bool _stopping;

    public ConsumerLoop(
        ConsumerConfig config,
        IReadOnlyList<FlowDefinition> flows,
        BatchRunner runner,
        FinishedOffsets finished,
        RuntimeFault fault,
        RuntimeOptions options,
        RuntimeMetrics metrics,
        TimeProvider timeProvider,
        ILogger logger,
        WindowedPartitions? windowed = null,
        WindowedBatchRunner? windowedRunner = null)
    {
        _config = config;
        _flowsByTopic = flows.ToDictionary(flow => flow.Topic, StringComparer.Ordinal);
        _runner = runner;
        _finished = finished;
        _fault = fault;
        _options = options;
        _metrics = metrics;
        _time = timeProvider;
        _logger = logger;
        _rateLimiter = new RateLimiter(_time, TimeSpan.FromSeconds(10));
        _backpressure = new Backpressure(_options, metrics, _time, logger, OnConsumeError);
        _committer = new OffsetCommitter(logger, _rateLimiter);
        _windowed = windowed;
        _windowedRunner = windowedRunner;
    }

    /// <summary>The lanes of the partitions assigned now; safe to read from any thread.</summary>
    public IReadOnlyList<PartitionLane> Lanes => Volatile.Read(ref _published);

    /// <summary>
    /// The group gave this consumer an assignment, possibly an empty one (more members than partitions); until then no
    /// lane means "not started yet", afterwards it can also mean "nothing to do here".
    /// </summary>
    public bool HasAssignment => _hasAssignment;

    /// <summary>Messages consumed but not finished when the loop stopped: not committed, so redelivered later.</summary>
    public long LeftUnfinished { get; private set; }

    /// <summary>Consumes until <paramref name="stopping"/> is cancelled, then drains, commits and closes. Blocks the calling thread.</summary>
    public void Run(CancellationToken stopping, CancellationToken abort)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(_config)
            .SetErrorHandler((_, error) => OnClientError(error))
            .SetLogHandler((_, message) => RuntimeLog.Librdkafka(_logger, message.Facility, message.Message))
            .SetPartitionsAssignedHandler((consumer, partitions) =>
            {
                var resume = OnAssigned(consumer, partitions);
                return ResumeAt(CompleteLogStart.Of(consumer, partitions, _config), resume);
            })
            .SetPartitionsRevokedHandler(OnRevoked)
            .SetPartitionsLostHandler(OnLost)
            .Build();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stopping, _fault.Token);
        consumer.Subscribe(_flowsByTopic.Keys);
        var lastCommit = _time.GetTimestamp();
        var lastHousekeeping = lastCommit;
        var lastRotation = lastCommit;
        var wait = IdlePoll;
        while (!stop.IsCancellationRequested)
        {
            var now = _time.GetTimestamp();
            if (_finished.TakeIn(_metrics))
            {
                _backpressure.RequestCheck();
            }

            if (_time.GetElapsedTime(lastCommit, now) >= _options.CommitInterval)
            {
                _committer.Commit(consumer, _lanes.Values, "interval");
                lastCommit = now;
            }

            if (_time.GetElapsedTime(lastHousekeeping, now) >= HousekeepingInterval)
            {
                Housekeeping(consumer);
                lastHousekeeping = now;
                if (_time.GetElapsedTime(lastRotation, now) >= LatencyWindow)
                {
                    _metrics.RotateRecentLatency();
                    lastRotation = now;
                }
            }

            _backpressure.ResumeWhereDrained(consumer, _lanes.Values, now);
            if (_backpressure.Holds(consumer, _lanes.Values, now))
            {
                // At the limit: what is queued goes now, and the loop waits for batches to finish rather than fetch.
                CutBatches(now, drained: true);
                _finished.WaitForReports(HoldPoll);
                _metrics.AddHeld(_time.GetElapsedTime(now));
                wait = TimeSpan.Zero;
                continue;
            }

            var fetched = Fetch(consumer, wait);
            CutBatches(_time.GetTimestamp(), drained: fetched < FetchBurst);
            wait = fetched == FetchBurst ? TimeSpan.Zero : NextWait(_time.GetTimestamp());
        }

        Shutdown(consumer, abort);
        if (_fault.Exception is { } fault)
        {
            ExceptionDispatchInfo.Capture(fault).Throw();
        }
    }

    /// <summary>Takes what the client has, waiting at most <paramref name="wait"/> for the first message; returns how many were taken.</summary>
    private int Fetch(IConsumer<byte[]?, byte[]?> consumer, TimeSpan wait)
    {
        var taken = 0;
        var timeout = (int)Math.Ceiling(wait.TotalMilliseconds);
        while (taken < FetchBurst && _backpressure.TakesMore)
        {
            ConsumeResult<byte[]?, byte[]?>? result;
            try
            {
                result = consumer.Consume(timeout);
            }
            catch (ConsumeException exception) when (CompleteLogStart.IsDropped(exception, out var dropped))
            {
                _fault.Raise(dropped);
                return taken;
            }
            catch (ConsumeException exception)
            {
                OnConsumeError(exception.Error);
                return taken;
            }

            if (result is null)
            {
                return taken;
            }

            timeout = 0;
            taken++;
            if (result.IsPartitionEOF)
            {
                Find(result.Topic, result.Partition.Value)?.MarkEnd(result.Offset.Value);
                continue;
            }

            Queue(consumer, result);
        }

        return taken;
    }

    private void Queue(IConsumer<byte[]?, byte[]?> consumer, ConsumeResult<byte[]?, byte[]?> result)
    {
        var lane = Find(result.Topic, result.Partition.Value);
        if (lane is null || !lane.Accept(result, _time.GetTimestamp()))
        {
            // Not ours (any more), or seen already: the owner of the partition processes it.
            return;
        }

        _metrics.RecordConsumed(lane.Flow.Name, 1);
        _backpressure.AfterDispatch(consumer, lane);
    }

    /// <summary>
    /// Cuts every batch that is due. Once the client has handed over all it fetched (<paramref name="drained"/>), waiting
    /// longer fills no batch before the next fetch, so what is queued goes at once; while batch slots are taken, messages
    /// gather in the queue anyway, so batches grow with the load. Messages that share keys with a running batch stay
    /// queued until it is done (or a full batch waits), rather than being cut into small batches that would only wait.
    /// </summary>
    private void CutBatches(long now, bool drained)
    {
        foreach (var lane in _lanes.Values)
        {
            if (drained)
            {
                lane.MarkDue();
            }

            while (lane.TryCut(now, _time, _options, out var blockers) is { } batch)
            {
                batch.Completion = lane.Windowed is null ? _runner.Start(lane, batch, blockers) : _windowedRunner!.Start(lane, batch);
            }
        }
    }

    /// <summary>
    /// How long the next fetch may block: until the earliest batch is due, briefly while a lane waits for a slot or for a
    /// running batch of its keys, or is paused.
    /// </summary>
    private TimeSpan NextWait(long now)
    {
        var wait = _backpressure.AnyPaused ? PausedPoll : IdlePoll;
        foreach (var lane in _lanes.Values)
        {
            if (lane.WaitsForSlot || lane.WaitsForKeys)
            {
                return SlotPoll;
            }

            if (lane.UntilDue(now, _time, _options) is { } due && due < wait)
            {
                wait = due;
            }
        }

        return wait;
    }

    private PartitionLane? Find(string topic, int partition)
    {
        var last = _lastLane;
        if (last is not null && last.Partition.Partition == partition && string.Equals(last.Partition.Topic, topic, StringComparison.Ordinal))
        {
            return last;
        }

        var found = _lanes.GetValueOrDefault(new RuntimePartition(topic, partition));
        _lastLane = found;
        return found;
    }

    /// <summary>Cached watermarks from the latest fetch (no request to the broker) and commit positions, for the lag figures.</summary>
    private void Housekeeping(IConsumer<byte[]?, byte[]?> consumer)
    {
        foreach (var lane in _lanes.Values)
        {
            var watermarks = consumer.GetWatermarkOffsets(lane.KafkaPartition);
            if (watermarks.High.Value >= 0)
            {
                lane.UpdateHighWatermark(watermarks.High.Value);
            }

            lane.PublishPosition();
        }
    }

    /// <summary>Creates the new partitions' lanes; returns where windowed partitions resume (their state's checkpoint).</summary>
    private Dictionary<TopicPartition, long> OnAssigned(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartition> partitions)
    {
        var resume = new Dictionary<TopicPartition, long>();
        if (_stopping)
        {
            return resume;
        }

        var assigned = new List<(RuntimePartition Key, FlowDefinition Flow)>();
        foreach (var partition in partitions)
        {
            var key = new RuntimePartition(partition.Topic, partition.Partition.Value);
            if (_flowsByTopic.TryGetValue(partition.Topic, out var flow) && !_lanes.ContainsKey(key))
            {
                assigned.Add((key, flow));
            }
        }

        var windowed = RestoreWindowed(assigned);
        var added = new List<PartitionLane>();
        foreach (var (key, flow) in assigned)
        {
            WindowedPartition? state = null;
            if (WindowedPartitions.IsWindowed(flow) && !windowed.TryGetValue(key, out state))
            {
                // Not restored: the runtime is stopping with the failure; nothing of the partition is processed.
                continue;
            }

            var lane = new PartitionLane(key, flow) { Windowed = state };
            _lanes[key] = lane;
            added.Add(lane);
            if (state?.ResumeOffset is { } offset)
            {
                resume[lane.KafkaPartition] = offset;
            }
        }

        // Only now: while window state is read back there are no lanes yet, and an empty assignment would count as idle.
        _hasAssignment = true;
        Publish();
        if (added.Count > 0)
        {
            RuntimeLog.PartitionsAssigned(_logger, added.Count, Describe(added));
        }

        return resume;
    }

    /// <summary>
    /// Reads the window state of the assigned windowed partitions back, side by side, before any of their records is
    /// fetched (the handler blocks the poll thread meanwhile, as a rebalance does). A failure stops the runtime.
    /// </summary>
    private Dictionary<RuntimePartition, WindowedPartition> RestoreWindowed(List<(RuntimePartition Key, FlowDefinition Flow)> assigned)
    {
        var restored = new Dictionary<RuntimePartition, WindowedPartition>();
        var keys = assigned.Where(item => WindowedPartitions.IsWindowed(item.Flow)).Select(item => item.Key).ToList();
        if (keys.Count == 0)
        {
            return restored;
        }

        if (_windowed is null)
        {
            _fault.Raise(new InvalidOperationException($"{PartitionRanges.Format(keys)} belong to a windowed flow, but the runtime has no window state store."));
            return restored;
        }

        var opening = keys.ConvertAll(key => _windowed.OpenAsync(key, _fault.Token));
        try
        {
            Task.WaitAll(opening);
        }
        catch (AggregateException exception)
        {
            var failure = exception.InnerExceptions.Count == 1 ? exception.InnerExceptions[0] : exception.Flatten();
            WindowsLog.RestoreFailed(_logger, failure, PartitionRanges.Format(keys));
            _fault.Raise(failure);
            return restored;
        }

        for (var i = 0; i < keys.Count; i++)
        {
            restored[keys[i]] = opening[i].Result;
        }

        return restored;
    }

    private static List<TopicPartitionOffset> ResumeAt(List<TopicPartitionOffset> starts, Dictionary<TopicPartition, long> resume) =>
        resume.Count == 0
            ? starts
            : starts.ConvertAll(start => resume.TryGetValue(start.TopicPartition, out var offset) ? new TopicPartitionOffset(start.TopicPartition, new Offset(offset)) : start);

    private void OnRevoked(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartitionOffset> partitions)
    {
        var revoked = Remove(partitions.Select(partition => partition.TopicPartition));
        if (revoked.Count == 0)
        {
            return;
        }

        foreach (var lane in revoked)
        {
            lane.Drain();
        }

        if (!DrainLanes(consumer, revoked, _options.RebalanceTimeout, CancellationToken.None, commitMeanwhile: false))
        {
            RuntimeLog.RevocationTimedOut(_logger, Describe(revoked), _options.RebalanceTimeout);
        }

        _committer.Commit(consumer, revoked, "revoked");
        var dropped = Drop(revoked);
        RuntimeLog.PartitionsRevoked(_logger, revoked.Count, Describe(revoked), dropped);
    }

    private void OnLost(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartitionOffset> partitions)
    {
        var lost = Remove(partitions.Select(partition => partition.TopicPartition));
        var dropped = Drop(lost);
        if (lost.Count > 0)
        {
            RuntimeLog.PartitionsLost(_logger, lost.Count, Describe(lost), dropped);
        }
    }

    private List<PartitionLane> Remove(IEnumerable<TopicPartition> partitions)
    {
        var removed = new List<PartitionLane>();
        foreach (var partition in partitions)
        {
            if (_lanes.Remove(new RuntimePartition(partition.Topic, partition.Partition.Value), out var lane))
            {
                removed.Add(lane);
            }
        }

        _lastLane = null;
        Publish();
        return removed;
    }

    /// <summary>Abandons what the lanes still run and forgets their unfinished messages; returns how many there were.</summary>
    private int Drop(List<PartitionLane> lanes)
    {
        var dropped = 0;
        foreach (var lane in lanes)
        {
            lane.Abort();
            dropped += lane.Drop();
        }

        _metrics.RecordDropped(dropped);
        return dropped;
    }

    private void Shutdown(IConsumer<byte[]?, byte[]?> consumer, CancellationToken abort)
    {
        _stopping = true;
        var lanes = _lanes.Values.ToList();
        if (lanes.Count > 0)
        {
            try
            {
                consumer.Pause(lanes.Select(lane => lane.KafkaPartition));
            }
            catch (KafkaException)
            {
                // Stopping anyway; nothing fetched from here on is processed.
            }

            RuntimeLog.Draining(_logger, _options.ShutdownTimeout, _metrics.InFlight);
            foreach (var lane in lanes)
            {
                lane.Drain();
            }

            if (!DrainLanes(consumer, lanes, _options.ShutdownTimeout, abort, commitMeanwhile: true) && !abort.IsCancellationRequested)
            {
                RuntimeLog.DrainTimedOut(_logger, _options.ShutdownTimeout, _metrics.InFlight);
            }

            _committer.Commit(consumer, lanes, "shutdown");
            LeftUnfinished += Drop(lanes);
            _lanes.Clear();
            _lastLane = null;
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

    /// <summary>
    /// Waits for the lanes' running batches, taking in what they finish (and committing it, if asked) meanwhile, until
    /// they are done, <paramref name="timeout"/> passes or <paramref name="abort"/> is cancelled; then the steps still
    /// running are cancelled. Returns whether every batch completed in time.
    /// </summary>
    private bool DrainLanes(IConsumer<byte[]?, byte[]?> consumer, List<PartitionLane> lanes, TimeSpan timeout, CancellationToken abort, bool commitMeanwhile)
    {
        var all = Task.WhenAll(lanes.Select(lane => lane.RunningCompletion()));
        var started = _time.GetTimestamp();
        var lastCommit = started;
        var done = true;
        while (!Wait(all, TimeSpan.FromMilliseconds(20)))
        {
            _finished.TakeIn(_metrics);
            var now = _time.GetTimestamp();
            if (abort.IsCancellationRequested || _time.GetElapsedTime(started, now) >= timeout)
            {
                foreach (var lane in lanes)
                {
                    lane.Abort();
                }

                Wait(all, TimeSpan.FromSeconds(5));
                done = false;
                break;
            }

            if (commitMeanwhile && _time.GetElapsedTime(lastCommit, now) >= _options.CommitInterval)
            {
                _committer.Commit(consumer, lanes, "draining");
                lastCommit = now;
            }
        }

        _finished.TakeIn(_metrics);
        return done;
    }

    private static bool Wait(Task all, TimeSpan timeout)
    {
        try
        {
            return all.Wait(timeout);
        }
        catch (AggregateException)
        {
            // Batches report their own failures; here only completion matters.
            return true;
        }
    }

    private void Publish()
    {
        Volatile.Write(ref _published, [.. _lanes.Values]);
        _backpressure.Reassigned(_lanes.Values);
    }

    private void OnClientError(Error error)
    {
        if (error.IsFatal)
        {
            RuntimeLog.FatalError(_logger, error.Code.ToString(), error.Reason);
            _fault.Raise(new KafkaException(error));
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

    private static string Describe(IEnumerable<PartitionLane> lanes) => PartitionRanges.Format(lanes.Select(lane => lane.Partition));
}
