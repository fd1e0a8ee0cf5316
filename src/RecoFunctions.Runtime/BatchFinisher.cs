using Confluent.Kafka;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Workflow;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Processing;

namespace RecoFunctions.Runtime;

/// <summary>
/// The last step of a message's way before the commit: a delivered (or stale) message is finished as soon as its step
/// answers, an undeliverable one once its dead letter is acknowledged; either way it is marked in its batch, counted,
/// and reported to <see cref="FinishedOffsets"/> for the poll thread to commit. Any thread; shared by all batches.
/// </summary>
internal sealed class BatchFinisher(DeadLetterPublisher deadLetters, RuntimeMetrics metrics, FinishedOffsets finished, TimeProvider timeProvider)
{
    private static readonly DeadLetterFailure UnknownFailure = new(DeadLetterStage.Workflow, "unknown");

    /// <summary>Finishes the delivered and stale items of a step's answer, whatever happens to the run afterwards.</summary>
    public void StepCompleted(PartitionLane lane, PartitionBatch batch, BatchStepRequest request, BatchStepResult result)
    {
        if (request.Attempt > 1)
        {
            metrics.RecordRetries(lane.Flow.Name, request.Items.Count);
        }

        var now = timeProvider.GetUtcNow();
        int delivered = 0, stale = 0;
        for (var i = 0; i < result.Outcomes.Count; i++)
        {
            var outcome = result.Outcomes[i];
            if (outcome is not { Kind: OutcomeKind.Delivered or OutcomeKind.Stale } || outcome.Id.Partition != lane.Partition.Partition
                || !string.Equals(outcome.Id.Topic, lane.Flow.Topic, StringComparison.Ordinal) || !batch.TryFinish(outcome.Id.Offset))
            {
                continue;
            }

            finished.Report(lane, outcome.Id.Offset);
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
                metrics.RecordLatency(lane.Flow.Name, now - request.Items[i].ProducedAt);
            }
        }

        if (delivered + stale > 0)
        {
            metrics.RecordDelivered(lane.Flow.Name, delivered, stale);
        }
    }

    /// <summary>Dead-letters the outcomes' messages side by side.</summary>
    public Task DeadLetterAsync(PartitionLane lane, PartitionBatch batch, IReadOnlyList<ItemOutcome> outcomes)
    {
        var tasks = new List<Task>(outcomes.Count);
        foreach (var outcome in outcomes)
        {
            if (batch.Find(outcome.Id.Offset) is { } message)
            {
                tasks.Add(DeadLetterAsync(lane, batch, message, outcome.Failure ?? UnknownFailure));
            }
        }

        return Task.WhenAll(tasks);
    }

    public async Task DeadLetterAsync(PartitionLane lane, PartitionBatch batch, ConsumeResult<byte[]?, byte[]?> message, DeadLetterFailure failure)
    {
        await deadLetters.PublishAsync(lane.Flow, message, failure, lane.Aborted).ConfigureAwait(false);
        if (batch.TryFinish(message.Offset.Value))
        {
            finished.Report(lane, message.Offset.Value);
            metrics.RecordDeadLettered(lane.Flow.Name, failure.StageName, failure.Label);
        }
    }
}
