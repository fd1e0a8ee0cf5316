using System.Text;
using System.Threading.Channels;
using Confluent.Kafka;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Core.Workflow;

namespace RecoFunctions.Local.Runtime;

/// <summary>
/// Processes one assigned partition: takes its messages in offset order in batches, runs intake (invalid messages are
/// dead-lettered) and the batch workflow for the valid ones, and keeps a batch until every message in it is finished:
/// messages still failing transiently are run again after a backoff, with their first-attempt time, while the
/// partition waits. One batch at a time keeps per-key order; partitions run concurrently.
/// </summary>
/// <remarks>
/// The poll thread enqueues and tracks offsets; the worker finishes them. <see cref="Drain"/> stops taking batches
/// (the running one completes, backoff waits end early); <see cref="Abort"/> also cancels the running steps.
/// </remarks>
internal sealed class PartitionWorker
{
    private readonly WorkerDependencies _dependencies;
    private readonly Channel<ConsumeResult<byte[]?, byte[]?>> _queue;
    private readonly CancellationTokenSource _drain = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly RuntimeWorkflowContext _workflowContext;
    private readonly List<ConsumeResult<byte[]?, byte[]?>> _batch;
    private readonly string _name;
    private long _highWatermark = -1;
    private long _endOffset = -1;
    private volatile bool _atEnd;
    private volatile bool _paused;
    private int _pending;
    private int _queued;

    public PartitionWorker(RuntimePartition partition, FlowDefinition flow, WorkerDependencies dependencies)
    {
        Partition = partition;
        KafkaPartition = new TopicPartition(partition.Topic, partition.Partition);
        Flow = flow;
        _dependencies = dependencies;
        _name = partition.ToString();
        _batch = new List<ConsumeResult<byte[]?, byte[]?>>(Math.Min(dependencies.Options.MaxBatchSize, 1024));
        _queue = Channel.CreateUnbounded<ConsumeResult<byte[]?, byte[]?>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        _workflowContext = new RuntimeWorkflowContext(
            new InProcessWorkflowContext(dependencies.Processor, dependencies.TimeProvider, _abort.Token),
            new InProcessWorkflowContext(dependencies.Processor, dependencies.TimeProvider, _drain.Token),
            OnStepCompleted);
    }

    public RuntimePartition Partition { get; }

    /// <summary>The same partition as the Kafka client names it.</summary>
    public TopicPartition KafkaPartition { get; }

    public FlowDefinition Flow { get; }

    public OffsetTracker Offsets { get; } = new();

    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Paused on the consumer; written by the poll thread only.</summary>
    public bool Paused
    {
        get => _paused;
        set => _paused = value;
    }

    /// <summary>The consumer reached the end of the partition and nothing was consumed since.</summary>
    public bool AtEnd => _atEnd;

    /// <summary>Messages waiting for another workflow run after transient failures.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Messages in Kafka not finished here: high watermark minus the commit position (zero when unknown).</summary>
    public long Lag
    {
        get
        {
            var high = Volatile.Read(ref _highWatermark);
            if (high < 0)
            {
                return 0;
            }

            var position = Offsets.CommitPosition ?? Volatile.Read(ref _endOffset);
            return position < 0 ? 0 : Math.Max(0, high - position);
        }
    }

    public void Start() => Completion = Task.Run(RunAsync);

    /// <summary>Poll thread: hands over a consumed message. False for an offset already seen (it is not processed twice).</summary>
    public bool Enqueue(ConsumeResult<byte[]?, byte[]?> message)
    {
        if (!Offsets.Track(message.Offset.Value))
        {
            return false;
        }

        _atEnd = false;
        if (message.Offset.Value >= Volatile.Read(ref _highWatermark))
        {
            Volatile.Write(ref _highWatermark, message.Offset.Value + 1);
        }

        Interlocked.Increment(ref _queued);
        _queue.Writer.TryWrite(message);
        return true;
    }

    /// <summary>Poll thread: the consumer reached the end of the partition at <paramref name="offset"/>.</summary>
    public void MarkEnd(long offset)
    {
        Volatile.Write(ref _endOffset, offset);
        UpdateHighWatermark(offset);
        _atEnd = true;
    }

    /// <summary>Poll thread: the latest high watermark the client knows.</summary>
    public void UpdateHighWatermark(long highWatermark)
    {
        if (highWatermark > Volatile.Read(ref _highWatermark))
        {
            Volatile.Write(ref _highWatermark, highWatermark);
        }
    }

    public void Drain()
    {
        _queue.Writer.TryComplete();
        _drain.Cancel();
    }

    public void Abort()
    {
        Drain();
        _abort.Cancel();
    }

    /// <summary>Forgets the unfinished messages (the partition is gone); returns how many there were.</summary>
    public int Drop()
    {
        var dropped = Offsets.Reset();
        _dependencies.Metrics.RecordDropped(dropped);
        return dropped;
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_drain.Token).ConfigureAwait(false))
            {
                if (!await FillBatchAsync(reader, backlog: Volatile.Read(ref _queued) > 1).ConfigureAwait(false))
                {
                    break;
                }

                await ProcessBatchAsync().ConfigureAwait(false);
                _batch.Clear();
            }
        }
        catch (OperationCanceledException) when (_drain.IsCancellationRequested)
        {
            // Stopped: what is unfinished stays uncommitted and is redelivered.
        }
        catch (Exception exception)
        {
            _dependencies.OnFaulted(this, exception);
        }
        finally
        {
            _batch.Clear();
        }
    }

    /// <summary>
    /// Takes up to a batch; when the partition was idle (no <paramref name="backlog"/>), waits up to the batch delay for
    /// more. Messages that queued up behind the previous batch have waited long enough. False when draining began meanwhile.
    /// </summary>
    private async Task<bool> FillBatchAsync(ChannelReader<ConsumeResult<byte[]?, byte[]?>> reader, bool backlog)
    {
        var max = _dependencies.Options.MaxBatchSize;
        while (_batch.Count < max && reader.TryRead(out var message))
        {
            _batch.Add(message);
            Interlocked.Decrement(ref _queued);
        }

        var delay = _dependencies.Options.MaxBatchDelay;
        if (!backlog && _batch.Count < max && delay > TimeSpan.Zero)
        {
            using var timeout = new CancellationTokenSource(delay, _dependencies.TimeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _drain.Token);
            try
            {
                while (_batch.Count < max && await reader.WaitToReadAsync(linked.Token).ConfigureAwait(false))
                {
                    while (_batch.Count < max && reader.TryRead(out var message))
                    {
                        _batch.Add(message);
                        Interlocked.Decrement(ref _queued);
                    }
                }
            }
            catch (OperationCanceledException) when (!_drain.IsCancellationRequested)
            {
                // The batch delay is over.
            }
        }

        return !_drain.IsCancellationRequested;
    }

    private async Task ProcessBatchAsync()
    {
        var now = _dependencies.TimeProvider.GetUtcNow();
        List<WorkItem>? work = null;
        List<Task>? tasks = null;
        foreach (var message in _batch)
        {
            var id = new MessageId(Flow.Topic, Partition.Partition, message.Offset.Value);
            var key = message.Message.Key is { } keyBytes ? Encoding.UTF8.GetString(keyBytes) : null;
            var verdict = _dependencies.Intake.Accept(Flow, id, message.Message.Value, key, keyKnown: true);
            if (verdict.Event is { } pipelineEvent)
            {
                (work ??= new List<WorkItem>(_batch.Count)).Add(new WorkItem(id, ProducedAt(message, now), now, pipelineEvent));
            }
            else
            {
                (tasks ??= []).Add(DeadLetterAsync(message, verdict.Stage, verdict.Reason));
            }
        }

        if (work is not null)
        {
            (tasks ??= []).Add(RunWorkflowAsync(work));
        }

        if (tasks is not null)
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
    }

    /// <summary>Runs the workflow until every item is finished; items still pending are run again after a backoff.</summary>
    private async Task RunWorkflowAsync(List<WorkItem> items)
    {
        IReadOnlyList<WorkItem> remaining = items;
        var again = false;
        while (true)
        {
            if (again)
            {
                _dependencies.Metrics.RecordRetries(Flow.Name, remaining.Count);
            }

            again = true;
            WorkflowResult result;
            try
            {
                result = await BatchWorkflow.RunAsync(_workflowContext, new WorkflowInput(Flow.Name, remaining, _dependencies.Budget)).ConfigureAwait(false);
            }
            catch (Exception exception) when (!(exception is OperationCanceledException && _drain.IsCancellationRequested))
            {
                // A defect or an unexpected failure below the processor: never skip the messages, try them again.
                remaining = [.. remaining.Where(item => Offsets.IsUnfinished(item.Id.Offset))];
                if (remaining.Count == 0)
                {
                    return;
                }

                RuntimeLog.BatchFailed(_dependencies.Logger, exception, remaining.Count, _name, _dependencies.Options.PendingRetryDelay);
                await WaitForRetryAsync(remaining.Count, _dependencies.Options.PendingRetryDelay).ConfigureAwait(false);
                continue;
            }

            if (result.DeadLettered.Count > 0)
            {
                await DeadLetterAsync(result.DeadLettered).ConfigureAwait(false);
            }

            if (result.Pending.Count == 0)
            {
                return;
            }

            var pending = new HashSet<long>(result.Pending.Select(outcome => outcome.Id.Offset));
            remaining = [.. items.Where(item => pending.Contains(item.Id.Offset))];
            var delay = NextRunDelay(result.Pending);
            RuntimeLog.PendingRetry(_dependencies.Logger, remaining.Count, _name, result.Pending[0].Reason ?? "unknown", delay);
            await WaitForRetryAsync(remaining.Count, delay).ConfigureAwait(false);
        }
    }

    private async Task WaitForRetryAsync(int count, TimeSpan delay)
    {
        Interlocked.Add(ref _pending, count);
        _dependencies.Metrics.AddPending(count);
        try
        {
            await Task.Delay(delay, _dependencies.TimeProvider, _drain.Token).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Add(ref _pending, -count);
            _dependencies.Metrics.AddPending(-count);
        }
    }

    /// <summary>The runtime's least wait, or longer when a service or breaker asked for it, within the workflow's cap.</summary>
    private TimeSpan NextRunDelay(IReadOnlyList<ItemOutcome> pending)
    {
        var delay = _dependencies.Options.PendingRetryDelay;
        foreach (var outcome in pending)
        {
            if (outcome.RetryAfter is { } retryAfter && retryAfter > delay)
            {
                delay = retryAfter < _dependencies.Budget.MaxDelay ? retryAfter : _dependencies.Budget.MaxDelay;
            }
        }

        return delay;
    }

    private Task DeadLetterAsync(IReadOnlyList<ItemOutcome> outcomes)
    {
        var tasks = new List<Task>(outcomes.Count);
        foreach (var outcome in outcomes)
        {
            if (Find(outcome.Id.Offset) is { } message)
            {
                tasks.Add(DeadLetterAsync(message, outcome.Stage ?? PipelineStage.Workflow, outcome.Reason ?? "unknown"));
            }
        }

        return Task.WhenAll(tasks);
    }

    private async Task DeadLetterAsync(ConsumeResult<byte[]?, byte[]?> message, string stage, string reason)
    {
        await _dependencies.DeadLetters.PublishAsync(Flow, message, stage, reason, _abort.Token).ConfigureAwait(false);
        if (Offsets.Complete(message.Offset.Value))
        {
            _dependencies.Metrics.RecordDeadLettered(Flow.Name, stage, DeadLetterReasons.Label(stage, reason));
            AfterFinishing();
        }
    }

    /// <summary>Delivered and stale items are finished as soon as their step answers, whatever happens to the run afterwards.</summary>
    private void OnStepCompleted(BatchStepRequest request, BatchStepResult result)
    {
        if (request.Attempt > 1)
        {
            _dependencies.Metrics.RecordRetries(Flow.Name, request.Items.Count);
        }

        var now = _dependencies.TimeProvider.GetUtcNow();
        int delivered = 0, stale = 0;
        foreach (var outcome in result.Outcomes)
        {
            if (outcome is not { Kind: OutcomeKind.Delivered or OutcomeKind.Stale } || outcome.Id.Partition != Partition.Partition
                || !string.Equals(outcome.Id.Topic, Flow.Topic, StringComparison.Ordinal) || !Offsets.Complete(outcome.Id.Offset))
            {
                continue;
            }

            if (outcome.Kind == OutcomeKind.Delivered)
            {
                delivered++;
            }
            else
            {
                stale++;
            }

            if (Find(outcome.Id.Offset) is { } message)
            {
                _dependencies.Metrics.RecordLatency(Flow.Name, now - ProducedAt(message, now));
            }
        }

        if (delivered + stale > 0)
        {
            _dependencies.Metrics.RecordDelivered(Flow.Name, delivered, stale);
            AfterFinishing();
        }
    }

    private void AfterFinishing()
    {
        if (_paused)
        {
            _dependencies.RequestResumeCheck();
        }
    }

    /// <summary>The batch's message at <paramref name="offset"/>; the batch is in offset order.</summary>
    private ConsumeResult<byte[]?, byte[]?>? Find(long offset)
    {
        int low = 0, high = _batch.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var value = _batch[middle].Offset.Value;
            if (value == offset)
            {
                return _batch[middle];
            }

            if (value < offset)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return null;
    }

    private static DateTimeOffset ProducedAt(ConsumeResult<byte[]?, byte[]?> message, DateTimeOffset now) =>
        message.Message.Timestamp.Type == TimestampType.NotAvailable
            ? now
            : DateTimeOffset.FromUnixTimeMilliseconds(message.Message.Timestamp.UnixTimestampMs);
}
