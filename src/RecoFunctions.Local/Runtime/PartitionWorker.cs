using System.Threading.Channels;
using Confluent.Kafka;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Core.Workflow;

namespace RecoFunctions.Local.Runtime;

/// <summary>
/// Processes one assigned partition: takes its messages in offset order in batches, runs intake (invalid messages are
/// dead-lettered) and the batch workflow for the valid ones, and keeps a batch until every message in it is finished:
/// messages still failing transiently are run again after a backoff, with their first-attempt time. Up to
/// <see cref="RuntimeOptions.MaxBatchesPerPartition"/> batches run side by side, so a message need not wait for the
/// service calls of the batch before it; the workflow of a batch that shares a key with an earlier unfinished one waits
/// for it, which keeps per-key order (its invalid messages are dead-lettered without waiting). Partitions run concurrently.
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
        var running = new List<PartitionBatch>();
        try
        {
            while (await reader.WaitToReadAsync(_drain.Token).ConfigureAwait(false))
            {
                var batch = new PartitionBatch(Math.Min(_dependencies.Options.MaxBatchSize, 1024));
                if (!await FillBatchAsync(reader, batch, backlog: Volatile.Read(ref _queued) > 1).ConfigureAwait(false))
                {
                    break;
                }

                await MakeRoomAsync(running).ConfigureAwait(false);
                batch.Completion = RunBatchAsync(batch, EarlierConflicting(running, batch));
                running.Add(batch);
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
            await Task.WhenAll(running.Select(batch => batch.Completion)).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until fewer than the allowed batches of this partition run.</summary>
    private async Task MakeRoomAsync(List<PartitionBatch> running)
    {
        running.RemoveAll(batch => batch.Completion.IsCompleted);
        while (running.Count >= _dependencies.Options.MaxBatchesPerPartition)
        {
            await Task.WhenAny(running.Select(batch => batch.Completion)).WaitAsync(_drain.Token).ConfigureAwait(false);
            running.RemoveAll(batch => batch.Completion.IsCompleted);
        }
    }

    private static Task<bool>[] EarlierConflicting(List<PartitionBatch> running, PartitionBatch batch)
    {
        List<Task<bool>>? blockers = null;
        foreach (var earlier in running)
        {
            if (!earlier.Completion.IsCompleted && earlier.ConflictsWith(batch))
            {
                (blockers ??= []).Add(earlier.Completion);
            }
        }

        return blockers is null ? [] : [.. blockers];
    }

    /// <summary>
    /// Dead-letters the batch's invalid messages at once and runs the workflow for the valid ones once the earlier batches
    /// it shares keys with are finished; a stop lets it run too (it is in flight), unless one of them could not finish.
    /// Never throws: a failure faults the worker.
    /// </summary>
    /// <returns>Whether every message of the batch is finished.</returns>
    private async Task<bool> RunBatchAsync(PartitionBatch batch, Task<bool>[] blockers)
    {
        try
        {
            var (work, deadLetters) = Accept(batch);
            var workflow = work is null ? Task.CompletedTask : RunWorkflowAfterAsync(batch, work, blockers);
            await Task.WhenAll(deadLetters, workflow).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_drain.IsCancellationRequested)
        {
            // Stopped: what is unfinished stays uncommitted and is redelivered.
        }
        catch (Exception exception)
        {
            _dependencies.OnFaulted(this, exception);
        }

        return IsFinished(batch);
    }

    /// <summary>Per-key order concerns deliveries only, so just the workflow waits for earlier batches.</summary>
    private async Task RunWorkflowAfterAsync(PartitionBatch batch, List<WorkItem> work, Task<bool>[] blockers)
    {
        if (blockers.Length > 0 && (await Task.WhenAll(blockers).ConfigureAwait(false)).Contains(false))
        {
            return;
        }

        await RunWorkflowAsync(batch, work).ConfigureAwait(false);
    }

    private bool IsFinished(PartitionBatch batch)
    {
        foreach (var message in batch.Messages)
        {
            if (Offsets.IsUnfinished(message.Offset.Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Takes up to a batch; when the partition was idle (no <paramref name="backlog"/>), waits up to the batch delay for
    /// more. Messages that queued up meanwhile have waited long enough. False when draining began meanwhile.
    /// </summary>
    private async Task<bool> FillBatchAsync(ChannelReader<ConsumeResult<byte[]?, byte[]?>> reader, PartitionBatch batch, bool backlog)
    {
        var max = _dependencies.Options.MaxBatchSize;
        TakeAvailable(reader, batch, max);
        var delay = _dependencies.Options.MaxBatchDelay;
        if (!backlog && batch.Count < max && delay > TimeSpan.Zero)
        {
            using var timeout = new CancellationTokenSource(delay, _dependencies.TimeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _drain.Token);
            try
            {
                while (batch.Count < max && await reader.WaitToReadAsync(linked.Token).ConfigureAwait(false))
                {
                    TakeAvailable(reader, batch, max);
                }
            }
            catch (OperationCanceledException) when (!_drain.IsCancellationRequested)
            {
                // The batch delay is over.
            }
        }

        return !_drain.IsCancellationRequested;
    }

    private void TakeAvailable(ChannelReader<ConsumeResult<byte[]?, byte[]?>> reader, PartitionBatch batch, int max)
    {
        while (batch.Count < max && reader.TryRead(out var message))
        {
            batch.Add(message);
            Interlocked.Decrement(ref _queued);
        }
    }

    /// <summary>Parses and validates the batch: the valid messages' work items, and the dead-lettering of the others under way.</summary>
    private (List<WorkItem>? Work, Task DeadLetters) Accept(PartitionBatch batch)
    {
        var now = _dependencies.TimeProvider.GetUtcNow();
        List<WorkItem>? work = null;
        List<Task>? deadLetters = null;
        for (var i = 0; i < batch.Count; i++)
        {
            var message = batch.Messages[i];
            var id = new MessageId(Flow.Topic, Partition.Partition, message.Offset.Value);
            var verdict = _dependencies.Intake.Accept(Flow, id, message.Message.Value, batch.Keys[i], keyKnown: true);
            if (verdict.Event is { } pipelineEvent)
            {
                (work ??= new List<WorkItem>(batch.Count)).Add(new WorkItem(id, ProducedAt(message, now), now, pipelineEvent));
            }
            else
            {
                (deadLetters ??= []).Add(DeadLetterAsync(message, verdict.Stage, verdict.Reason));
            }
        }

        return (work, deadLetters is null ? Task.CompletedTask : Task.WhenAll(deadLetters));
    }

    /// <summary>Runs the workflow until every item is finished; items still pending are run again after a backoff.</summary>
    private async Task RunWorkflowAsync(PartitionBatch batch, List<WorkItem> items)
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
                await DeadLetterAsync(batch, result.DeadLettered).ConfigureAwait(false);
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

    private Task DeadLetterAsync(PartitionBatch batch, IReadOnlyList<ItemOutcome> outcomes)
    {
        var tasks = new List<Task>(outcomes.Count);
        foreach (var outcome in outcomes)
        {
            if (batch.Find(outcome.Id.Offset) is { } message)
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
        for (var i = 0; i < result.Outcomes.Count; i++)
        {
            var outcome = result.Outcomes[i];
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

            // Outcomes answer the request's items in order.
            if (i < request.Items.Count && request.Items[i].Id == outcome.Id)
            {
                _dependencies.Metrics.RecordLatency(Flow.Name, now - request.Items[i].ProducedAt);
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

    private static DateTimeOffset ProducedAt(ConsumeResult<byte[]?, byte[]?> message, DateTimeOffset now) =>
        message.Message.Timestamp.Type == TimestampType.NotAvailable
            ? now
            : DateTimeOffset.FromUnixTimeMilliseconds(message.Message.Timestamp.UnixTimestampMs);
}
