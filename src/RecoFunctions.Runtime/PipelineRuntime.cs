using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Intake;
using RecoFunctions.Core.Processing;
using RecoFunctions.Core.Resilience;
using RecoFunctions.Core.Windowing;
using RecoFunctions.Core.Workflow;
using RecoFunctions.Runtime.Kafka;
using RecoFunctions.Runtime.Telemetry;
using RecoFunctions.Runtime.Windows;

namespace RecoFunctions.Runtime;

/// <summary>
/// The self-hosted runtime behind <c>reco run</c>: consumes every enabled flow's topic in one consumer group, processes
/// partitions concurrently in batches (intake, then the batch workflow), dead-letters what cannot be delivered, and
/// commits per partition the highest contiguous finished offset. Kafka is the durable log: a crash loses nothing and a
/// restart redoes at most the unfinished messages, which idempotent delivery absorbs.
/// </summary>
/// <remarks>
/// Needs the registrations of <see cref="RuntimeServiceCollectionExtensions.AddRecoRuntime"/>. Hosted services of that
/// provider (the shared breaker state synchroniser) are the host's to start. One instance runs once.
/// </remarks>
public sealed class PipelineRuntime
{
    private static readonly TimeSpan IdlePollInterval = TimeSpan.FromMilliseconds(20);

    private readonly KafkaOptions _kafkaOptions;
    private readonly RuntimeOptions _options;
    private readonly FlowRegistry _flows;
    private readonly MessageIntake _intake;
    private readonly IBatchProcessor _processor;
    private readonly RetryBudget _budget;
    private readonly IBreakerRegistry _breakers;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RuntimeMetrics _metrics;
    private readonly BatchTimes _batchTimes;
    private readonly EmbeddedKafka? _embeddedKafka;
    private readonly IServiceProvider _services;
    private ConsumerLoop? _loop;
    private Task? _running;
    private long _startedAt;
    private long _stoppedAt;
    private int _started;

    /// <param name="services">A provider with the <see cref="RuntimeServiceCollectionExtensions.AddRecoRuntime"/> registrations.</param>
    /// <param name="bootstrapServers">Where Kafka is (host:port[,host:port]).</param>
    /// <param name="groupId">The consumer group; <c>Kafka:ConsumerGroup</c> when null.</param>
    /// <param name="embeddedKafka">When the cluster is embedded: the runtime creates the flow and dead-letter topics on it.</param>
    public PipelineRuntime(IServiceProvider services, string bootstrapServers, string? groupId = null, EmbeddedKafka? embeddedKafka = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapServers);
        _kafkaOptions = services.GetRequiredService<IOptions<KafkaOptions>>().Value;
        _options = services.GetRequiredService<IOptions<RuntimeOptions>>().Value;
        _flows = services.GetRequiredService<FlowRegistry>();
        _intake = services.GetRequiredService<MessageIntake>();
        _processor = services.GetRequiredService<IBatchProcessor>();
        _budget = services.GetRequiredService<RetryBudget>();
        _breakers = services.GetRequiredService<IBreakerRegistry>();
        _time = services.GetRequiredService<TimeProvider>();
        _logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<PipelineRuntime>();
        _metrics = new RuntimeMetrics(services.GetRequiredService<IMeterFactory>());
        ConsumerLagMetrics.Observe(services.GetRequiredService<IMeterFactory>(), () => _loop?.Lanes ?? []);
        _batchTimes = new BatchTimes(_time);
        _embeddedKafka = embeddedKafka;
        _services = services;
        BootstrapServers = bootstrapServers;
        GroupId = string.IsNullOrWhiteSpace(groupId) ? _kafkaOptions.ConsumerGroup : groupId;
    }

    public string BootstrapServers { get; }

    public string GroupId { get; }

    /// <summary>The topics consumed, one per enabled flow.</summary>
    public IReadOnlyList<string> Topics => [.. _flows.Flows.Select(flow => flow.Topic)];

    /// <summary>
    /// The group assigned this instance its partitions (possibly none), each was read to its end, and nothing is in
    /// flight. Cheap; any thread.
    /// </summary>
    public bool IsIdle
    {
        get
        {
            if (_loop is not { HasAssignment: true } loop || _metrics.InFlight != 0)
            {
                return false;
            }

            foreach (var lane in loop.Lanes)
            {
                if (!lane.AtEnd)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Runs until <paramref name="stoppingToken"/> is cancelled, then drains the batches in flight (up to <c>Runtime:ShutdownTimeout</c>), commits and closes.</summary>
    /// <exception cref="BrokerUnreachableException">Kafka did not answer within <c>Kafka:ConnectTimeout</c> at start-up.</exception>
    public Task RunAsync(CancellationToken stoppingToken) => RunAsync(stoppingToken, CancellationToken.None);

    /// <summary>As <see cref="RunAsync(CancellationToken)"/>; <paramref name="abortToken"/> cuts the drain short (what is unfinished is redelivered later).</summary>
    /// <exception cref="BrokerUnreachableException">Kafka did not answer within <c>Kafka:ConnectTimeout</c> at start-up.</exception>
    public async Task RunAsync(CancellationToken stoppingToken, CancellationToken abortToken)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("A PipelineRuntime runs once; create another one to run again.");
        }

        CreateEmbeddedTopics();
        var metadata = await Task.Run(() => BrokerProbe.Probe(_kafkaOptions, BootstrapServers, _logger), CancellationToken.None).ConfigureAwait(false);
        foreach (var topic in Topics.Where(topic => BrokerProbe.PartitionsOf(metadata, topic) is null))
        {
            RuntimeLog.TopicMissing(_logger, topic, BootstrapServers);
        }

        // Not cancelled by a stop during start-up (bounded by Kafka:ConnectTimeout, like the probe): the loop then stops gracefully.
        var withoutState = new List<FlowDefinition>();
        using var windowState = await OpenWindowStateAsync(metadata, withoutState, CancellationToken.None).ConfigureAwait(false);
        using var deadLetters = new DeadLetterPublisher(KafkaClientConfigs.Producer(_kafkaOptions, BootstrapServers), _time, _logger, _services.GetService<DeadLetterRedactor>());
        using var fault = new RuntimeFault(_logger);
        var finished = new FinishedOffsets();
        var finisher = new BatchFinisher(deadLetters, _metrics, finished, _time);
        var runner = new BatchRunner(_intake, _processor, _budget, _time, _options, finisher, _metrics, _batchTimes, fault, _logger);
        var windowed = windowState is null ? null : WindowedPartitionsOver(windowState);
        var windowedRunner = windowState is null ? null : new WindowedBatchRunner(_intake, finisher, finished, _metrics, _time, fault);
        var config = RuntimeConsumerConfig.Create(_kafkaOptions, BootstrapServers, GroupId);
        var loop = new ConsumerLoop(config, [.. _flows.Flows.Except(withoutState)], runner, finished, fault, _options, _metrics, _time, _logger, windowed, windowedRunner);
        RuntimeLog.Starting(_logger, string.Join(", ", Topics), BootstrapServers, GroupId);

        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                loop.Run(stoppingToken, abortToken);
                completion.SetResult();
            }
            catch (Exception exception)
            {
                completion.SetException(exception);
            }
        })
        {
            IsBackground = true,
            Name = "reco-consumer",
        };

        Volatile.Write(ref _startedAt, _time.GetTimestamp());
        _loop = loop;
        _running = completion.Task;
        thread.Start();
        try
        {
            await completion.Task.ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _stoppedAt, _time.GetTimestamp());
            RuntimeLog.Stopped(_logger, _metrics.Consumed, _metrics.Delivered, _metrics.Stale, _metrics.DeadLettered, loop.LeftUnfinished);
        }
    }

    /// <summary>The counts now, from a few volatile reads: cheap enough to poll every few milliseconds; any thread.</summary>
    public RuntimeProgress Progress =>
        new(_metrics.Consumed, _metrics.Delivered + _metrics.Stale + _metrics.DeadLettered, _metrics.InFlight);

    /// <summary>
    /// The figures now, any thread. It merges the latency histograms and walks the partitions: meant for reports every
    /// second or so; <see cref="Progress"/> is what to poll.
    /// </summary>
    public RuntimeSnapshot Snapshot()
    {
        var lanes = _loop?.Lanes ?? [];
        var lag = _flows.Flows
            .Select(flow =>
            {
                var own = lanes.Where(lane => lane.Flow.Name == flow.Name).ToList();
                return new FlowLag(flow.Name, flow.Topic, own.Sum(lane => lane.Lag), own.Count);
            })
            .ToList();
        var delivered = _metrics.Delivered;
        var stale = _metrics.Stale;
        var deadLettered = _metrics.DeadLettered;
        return new RuntimeSnapshot(
            _time.GetUtcNow(),
            Elapsed(),
            _metrics.Consumed,
            delivered + stale + deadLettered,
            delivered,
            stale,
            deadLettered,
            _metrics.InFlight,
            _metrics.Pending,
            _metrics.Retries,
            _metrics.DeadLetterCounts(),
            lag,
            _metrics.LatencySummary(),
            _metrics.RecentLatencySummary(),
            [.. _breakers.Breakers.Select(breaker => new BreakerStatus(breaker.Name, breaker.CircuitState.ToString(), breaker.OpenUntil))],
            [.. lanes.Select(lane => lane.Partition).Order()],
            [.. lanes.Where(lane => lane.Paused).Select(lane => lane.Partition).Order()],
            IsIdle)
        {
            Queued = lanes.Sum(lane => (long)lane.Queued),
            RunningBatches = lanes.Sum(lane => lane.Running),
            PartitionsAtBatchLimit = [.. lanes.Where(lane => lane.WaitsForSlot).Select(lane => lane.Partition).Order()],
            WindowFreshness = _metrics.WindowFreshnessSummary(),
            Batches = _batchTimes.Batches,
            BatchesThatWaitedForKeys = _batchTimes.BatchesThatWaited,
            BatchEvents = _batchTimes.Events,
            BatchesWaitedForKeys = _batchTimes.WaitedForKeys,
            BatchesRan = _batchTimes.Ran,
            BatchEventsBeforeStart = _batchTimes.BeforeStart,
            HeldAtLimit = _metrics.HeldAtLimit,
        };
    }

    /// <summary>Completes once the runtime has been idle (<see cref="IsIdle"/>) for <paramref name="quietPeriod"/> without a break.</summary>
    /// <exception cref="InvalidOperationException">The runtime stopped before it was idle.</exception>
    public async Task WaitUntilIdleAsync(TimeSpan quietPeriod, CancellationToken cancellationToken)
    {
        long? idleSince = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_running is { IsCompleted: true })
            {
                throw new InvalidOperationException("The runtime stopped before it was idle.");
            }

            var now = _time.GetTimestamp();
            if (IsIdle)
            {
                idleSince ??= now;
                if (_time.GetElapsedTime(idleSince.Value, now) >= quietPeriod)
                {
                    return;
                }
            }
            else
            {
                idleSince = null;
            }

            await Task.Delay(IdlePollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan Elapsed()
    {
        var started = Volatile.Read(ref _startedAt);
        if (started == 0)
        {
            return TimeSpan.Zero;
        }

        var stopped = Volatile.Read(ref _stoppedAt);
        return _time.GetElapsedTime(started, stopped != 0 ? stopped : _time.GetTimestamp());
    }

    /// <summary>
    /// The changelog store when a windowed flow is enabled (null otherwise); the changelog of each windowed topic that
    /// exists now is created or checked here, so that a misfit fails at start-up.
    /// </summary>
    /// <remarks>A windowed flow whose changelog cannot be created or does not fit is left out of this run (<paramref name="withoutState"/>), with an error.</remarks>
    private async Task<ChangelogWindowStateStore?> OpenWindowStateAsync(Metadata metadata, List<FlowDefinition> withoutState, CancellationToken cancellationToken)
    {
        var windowed = _flows.Flows.Where(WindowedPartitions.IsWindowed).ToList();
        if (windowed.Count == 0)
        {
            return null;
        }

        var options = _services.GetRequiredService<IOptions<ChangelogOptions>>().Value;
        var embedded = _embeddedKafka ?? EmbeddedKafka.InThisProcess(BootstrapServers);
        var store = new ChangelogWindowStateStore(_kafkaOptions, options, BootstrapServers, GroupId, embedded, _time, _logger);
        try
        {
            foreach (var flow in windowed.Where(flow => BrokerProbe.PartitionsOf(metadata, flow.Topic) is not null))
            {
                try
                {
                    await store.Topics.EnsureAsync(flow.Topic, cancellationToken).ConfigureAwait(false);
                }
                catch (ChangelogTopicException exception)
                {
                    // Its records stay in Kafka, unread and uncommitted, until a run has a changelog for them; the other flows run.
                    WindowsLog.FlowWithoutState(_logger, flow.Name, exception.Message);
                    withoutState.Add(flow);
                }
            }

            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    private WindowedPartitions WindowedPartitionsOver(IWindowStateStore store)
    {
        var publisher = _services.GetService<IClosedWindowPublisher>()
            ?? throw new InvalidOperationException("A windowed flow is enabled but no IClosedWindowPublisher is registered (AddRecoRuntime registers the recommender's).");
        return new WindowedPartitions(store, publisher, _services.GetRequiredService<IOptions<WindowingOptions>>().Value, _options, _time, _logger);
    }

    private void CreateEmbeddedTopics()
    {
        if (_embeddedKafka is null)
        {
            return;
        }

        foreach (var flow in _flows.Flows)
        {
            _embeddedKafka.EnsureTopic(flow.Topic);
            _embeddedKafka.EnsureTopic(flow.DeadLetterTopic);
        }
    }
}
