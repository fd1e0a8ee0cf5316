using Confluent.Kafka;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Intake;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Core.Telemetry;
using RecoFunctions.Core.Windowing;
using RecoFunctions.Runtime.Telemetry;

namespace RecoFunctions.Runtime.Windows;

/// <summary>
/// Runs one batch of a windowed flow's partition, on the thread pool: intake (parse, validate, pseudonymise), invalid
/// messages dead-lettered, then the valid interactions into the partition's windows, whose closed windows are published
/// and whose late events are dead-lettered before the state and checkpoint are saved; only then are the batch's messages
/// finished and committed. The partition's batches run one after another, so the windows see the partition in order.
/// </summary>
internal sealed class WindowedBatchRunner(MessageIntake intake, BatchFinisher finisher, FinishedOffsets finished, RuntimeMetrics metrics, TimeProvider timeProvider, RuntimeFault fault)
{
    private static readonly DeadLetterFailure NotAnInteraction = new(DeadLetterStage.Window, "not-an-interaction");

    public Task<bool> Start(PartitionLane lane, PartitionBatch batch) => Task.Run(() => RunAsync(lane, batch), CancellationToken.None);

    private async Task<bool> RunAsync(PartitionLane lane, PartitionBatch batch)
    {
        using var activity = BatchActivity.Start(lane.Flow.Name, lane.Flow.Topic, lane.Partition.Partition, batch.Count, KafkaTraceContext.Of(batch.Messages));
        try
        {
            var windowed = lane.Windowed ?? throw new InvalidOperationException($"{lane.Name} has no window state.");
            var events = await AcceptAsync(lane, batch).ConfigureAwait(false);
            var nextOffset = batch.Messages[^1].Offset.Value + 1;
            var result = await windowed.ProcessAsync(events, nextOffset, (rejected, _) => DeadLetterAsync(lane, batch, rejected), lane.Draining).ConfigureAwait(false);
            Finish(lane, batch, events, result);
        }
        catch (OperationCanceledException) when (lane.Draining.IsCancellationRequested)
        {
            // Stopped: what is unfinished stays uncommitted and is read again from the checkpoint.
        }
        catch (Exception exception)
        {
            fault.Report(lane.Name, exception);
        }

        return batch.AllFinished;
    }

    /// <summary>The batch's interactions in offset order; the others are dead-lettered, and acknowledged before the state moves past them.</summary>
    private async Task<List<OffsetEvent>> AcceptAsync(PartitionLane lane, PartitionBatch batch)
    {
        var events = new List<OffsetEvent>(batch.Count);
        List<Task>? deadLetters = null;
        for (var i = 0; i < batch.Count; i++)
        {
            var message = batch.Messages[i];
            var id = new MessageId(lane.Flow.Topic, lane.Partition.Partition, message.Offset.Value);
            var verdict = intake.Accept(lane.Flow, id, message.Message.Value, batch.Keys[i], keyKnown: true);
            if (verdict.Event is InteractionEvent interaction)
            {
                events.Add(new OffsetEvent(message.Offset.Value, interaction));
            }
            else
            {
                (deadLetters ??= []).Add(finisher.DeadLetterAsync(lane, batch, message, verdict.Failure ?? NotAnInteraction));
            }
        }

        if (deadLetters is not null)
        {
            await Task.WhenAll(deadLetters).ConfigureAwait(false);
        }

        return events;
    }

    private Task DeadLetterAsync(PartitionLane lane, PartitionBatch batch, IReadOnlyList<RejectedOffset> rejected)
    {
        var tasks = new List<Task>(rejected.Count);
        foreach (var refused in rejected)
        {
            if (batch.Find(refused.Offset) is { } message)
            {
                tasks.Add(finisher.DeadLetterAsync(lane, batch, message, refused.Failure));
            }
        }

        return Task.WhenAll(tasks);
    }

    /// <summary>The state is saved: every interaction of the batch is finished (counted, a duplicate, or already in the state).</summary>
    private void Finish(PartitionLane lane, PartitionBatch batch, List<OffsetEvent> events, InteractionBatchResult result)
    {
        var now = timeProvider.GetUtcNow();
        if (result.WindowsClosed > 0 && OldestTimestamp(batch) is { } oldest)
        {
            metrics.RecordWindowFreshness(lane.Flow.Name, now - oldest);
        }

        foreach (var item in events)
        {
            if (!batch.TryFinish(item.Offset))
            {
                continue;
            }

            finished.Report(lane, item.Offset);
            if (batch.Find(item.Offset) is { Message.Timestamp: { Type: not TimestampType.NotAvailable } timestamp })
            {
                metrics.RecordLatency(lane.Flow.Name, now - DateTimeOffset.FromUnixTimeMilliseconds(timestamp.UnixTimestampMs));
            }
        }

        metrics.RecordDelivered(lane.Flow.Name, result.Added, result.Duplicates + result.Skipped);
    }

    private static DateTimeOffset? OldestTimestamp(PartitionBatch batch)
    {
        long? oldest = null;
        foreach (var message in batch.Messages)
        {
            if (message.Message.Timestamp.Type != TimestampType.NotAvailable)
            {
                oldest = Math.Min(oldest ?? long.MaxValue, message.Message.Timestamp.UnixTimestampMs);
            }
        }

        return oldest is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }
}
