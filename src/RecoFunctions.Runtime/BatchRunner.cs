using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Intake;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Core.Telemetry;
using RecoFunctions.Core.Processing;
using RecoFunctions.Core.Workflow;
using RecoFunctions.Runtime.Telemetry;

namespace RecoFunctions.Runtime;

/// <summary>
/// Runs one cut batch to its end, on the thread pool (one hand-off per batch): intake (invalid messages go to
/// <see cref="BatchFinisher"/> at once), then the batch workflow for the valid ones, whose deliveries wait until the
/// earlier batches it shares keys with are finished; messages still failing transiently run again after a backoff, with
/// their first-attempt time. Finished messages leave through the <see cref="BatchFinisher"/>; the batch never calls back
/// into its partition.
/// </summary>
internal sealed class BatchRunner(
    MessageIntake intake,
    IBatchProcessor processor,
    RetryBudget budget,
    TimeProvider timeProvider,
    RuntimeOptions options,
    BatchFinisher finisher,
    RuntimeMetrics metrics,
    BatchTimes times,
    RuntimeFault fault,
    ILogger logger)
{
    /// <summary>Starts the batch; the task says whether every message of it finished (false when stopped first).</summary>
    public Task<bool> Start(PartitionLane lane, PartitionBatch batch, Task<bool>[] blockers) =>
        Task.Run(() => RunAsync(lane, batch, blockers), CancellationToken.None);

    /// <summary>
    /// Dead-letters the batch's invalid messages at once and runs the workflow for the valid ones, delivering once the
    /// earlier batches it shares keys with are finished; a stop lets it run too (it is in flight), unless one of them could
    /// not finish. Never throws: a failure stops the runtime through <see cref="RuntimeFault"/>.
    /// </summary>
    private async Task<bool> RunAsync(PartitionLane lane, PartitionBatch batch, Task<bool>[] blockers)
    {
        using var activity = BatchActivity.Start(lane.Flow.Name, lane.Flow.Topic, lane.Partition.Partition, batch.Count, KafkaTraceContext.Of(batch.Messages));
        try
        {
            var (work, deadLetters) = Accept(lane, batch);
            var workflow = work is null ? Task.CompletedTask : RunWorkflowInKeyOrderAsync(lane, batch, work, blockers);
            await Task.WhenAll(deadLetters, workflow).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lane.Draining.IsCancellationRequested)
        {
            // Stopped: what is unfinished stays uncommitted and is redelivered.
        }
        catch (Exception exception)
        {
            fault.Report(lane.Name, exception);
        }

        return batch.AllFinished;
    }

    /// <summary>Parses and validates the batch: the valid messages' work items, and the dead-lettering of the others under way.</summary>
    private (List<WorkItem>? Work, Task DeadLetters) Accept(PartitionLane lane, PartitionBatch batch)
    {
        var now = timeProvider.GetUtcNow();
        List<WorkItem>? work = null;
        List<Task>? deadLetters = null;
        for (var i = 0; i < batch.Count; i++)
        {
            var message = batch.Messages[i];
            var id = new MessageId(lane.Flow.Topic, lane.Partition.Partition, message.Offset.Value);
            var verdict = intake.Accept(lane.Flow, id, message.Message.Value, batch.Keys[i], keyKnown: true);
            if (verdict.Event is { } pipelineEvent)
            {
                (work ??= new List<WorkItem>(batch.Count)).Add(new WorkItem(id, ProducedAt(message, now), now, pipelineEvent));
            }
            else
            {
                (deadLetters ??= []).Add(finisher.DeadLetterAsync(lane, batch, message, verdict.Failure!));
            }
        }

        return (work, deadLetters is null ? Task.CompletedTask : Task.WhenAll(deadLetters));
    }

    /// <summary>
    /// Per-key order concerns deliveries only: the workflow starts at once, and its deliveries wait at the
    /// <see cref="KeyOrderGate"/> for the earlier batches it shares keys with, so its enrichment overlaps their work.
    /// </summary>
    private async Task RunWorkflowInKeyOrderAsync(PartitionLane lane, PartitionBatch batch, List<WorkItem> work, Task<bool>[] blockers)
    {
        var started = times.Now();
        var gate = new KeyOrderGate(blockers, timeProvider);
        try
        {
            await RunWorkflowAsync(lane, batch, work, gate).ConfigureAwait(false);
        }
        catch (EarlierBatchUnfinishedException)
        {
            // Left unfinished, as the earlier batch's messages are: both are redelivered, in order.
            return;
        }

        times.Record(gate.Waited, gate.HoldsAny, times.Elapsed(started) - gate.Waited, work.Count, BeforeStart(work));
    }

    /// <summary>Runs the workflow until every item is finished; items still pending are run again after a backoff.</summary>
    private async Task RunWorkflowAsync(PartitionLane lane, PartitionBatch batch, List<WorkItem> items, KeyOrderGate gate)
    {
        var context = new RuntimeWorkflowContext(
            new InProcessWorkflowContext(processor, timeProvider, lane.Aborted, gate.PassAsync),
            new InProcessWorkflowContext(processor, timeProvider, lane.Draining),
            (request, result) => finisher.StepCompleted(lane, batch, request, result));
        IReadOnlyList<WorkItem> remaining = items;
        var again = false;
        while (true)
        {
            if (again)
            {
                metrics.RecordRetries(lane.Flow.Name, remaining.Count);
            }

            again = true;
            WorkflowResult result;
            try
            {
                result = await BatchWorkflow.RunAsync(context, new WorkflowInput(lane.Flow.Name, remaining, budget)).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not EarlierBatchUnfinishedException
                && !(exception is OperationCanceledException && lane.Draining.IsCancellationRequested))
            {
                // A defect or an unexpected failure below the processor: never skip the messages, try them again.
                remaining = [.. remaining.Where(item => batch.IsUnfinished(item.Id.Offset))];
                if (remaining.Count == 0)
                {
                    return;
                }

                RuntimeLog.BatchFailed(logger, exception, remaining.Count, lane.Name, options.PendingRetryDelay);
                await WaitForRetryAsync(lane, remaining.Count, options.PendingRetryDelay).ConfigureAwait(false);
                continue;
            }

            if (result.DeadLettered.Count > 0)
            {
                await finisher.DeadLetterAsync(lane, batch, result.DeadLettered).ConfigureAwait(false);
            }

            if (result.Pending.Count == 0)
            {
                return;
            }

            var pending = new HashSet<long>(result.Pending.Select(outcome => outcome.Id.Offset));
            remaining = [.. items.Where(item => pending.Contains(item.Id.Offset))];
            var delay = NextRunDelay(result.Pending);
            RuntimeLog.PendingRetry(logger, remaining.Count, lane.Name, result.Pending[0].Reason ?? "unknown", delay);
            await WaitForRetryAsync(lane, remaining.Count, delay).ConfigureAwait(false);
        }
    }

    private async Task WaitForRetryAsync(PartitionLane lane, int count, TimeSpan delay)
    {
        metrics.AddPending(count);
        try
        {
            await Task.Delay(delay, timeProvider, lane.Draining).ConfigureAwait(false);
        }
        finally
        {
            metrics.AddPending(-count);
        }
    }

    /// <summary>The runtime's least wait, or longer when a service or breaker asked for it, within the workflow's cap.</summary>
    private TimeSpan NextRunDelay(IReadOnlyList<ItemOutcome> pending)
    {
        var delay = options.PendingRetryDelay;
        foreach (var outcome in pending)
        {
            if (outcome.RetryAfter is { } retryAfter && retryAfter > delay)
            {
                delay = retryAfter < budget.MaxDelay ? retryAfter : budget.MaxDelay;
            }
        }

        return delay;
    }

    /// <summary>From each item's Kafka timestamp to its batch's start (its first attempt), summed.</summary>
    private static TimeSpan BeforeStart(List<WorkItem> work)
    {
        long ticks = 0;
        foreach (var item in work)
        {
            ticks += Math.Max(0, (item.FirstAttemptAt - item.ProducedAt).Ticks);
        }

        return TimeSpan.FromTicks(ticks);
    }

    private static DateTimeOffset ProducedAt(ConsumeResult<byte[]?, byte[]?> message, DateTimeOffset now) =>
        message.Message.Timestamp.Type == TimestampType.NotAvailable
            ? now
            : DateTimeOffset.FromUnixTimeMilliseconds(message.Message.Timestamp.UnixTimestampMs);
}
