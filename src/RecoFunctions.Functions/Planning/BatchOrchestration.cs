using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Core.Workflow;

namespace RecoFunctions.Functions.Planning;

/// <summary>
/// One run of the durable batch orchestration, written against <see cref="IBatchOrchestrationContext"/> so that it is
/// tested here and replayed deterministically by the host: run the workflow, publish what it dead-lettered (plus what
/// an earlier run could not publish), and if items are still pending or dead letters unpublished, wait one
/// <see cref="RetryBudget.MaxDelay"/> on a durable timer and continue as new with exactly those. Nothing is dropped.
/// </summary>
public static class BatchOrchestration
{
    public static async Task<BatchOrchestrationOutcome> RunAsync(IBatchOrchestrationContext context, BatchOrchestrationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var workflow = input.Workflow ?? throw new ArgumentException("The orchestration input has no workflow input.", nameof(input));
        var budget = workflow.Budget ?? throw new ArgumentException("The workflow input has no retry budget.", nameof(input));
        var items = workflow.Items ?? [];

        var result = items.Count > 0 ? await BatchWorkflow.RunAsync(context, workflow) : new WorkflowResult([], [], []);

        var originals = IndexById(input.Originals ?? []);
        var deadLetters = new List<DeadLetterRecord>(input.UnpublishedDeadLetters ?? []);
        if (result.DeadLettered.Count > 0)
        {
            var now = context.UtcNow;
            deadLetters.AddRange(result.DeadLettered.Select(outcome => ToDeadLetter(outcome, originals, items, now)));
        }

        IReadOnlyList<DeadLetterRecord> unpublished = deadLetters;
        if (deadLetters.Count > 0 && await context.TryPublishDeadLettersAsync(new DeadLetterBatch(workflow.Flow, deadLetters)))
        {
            unpublished = [];
        }

        var published = deadLetters.Count - unpublished.Count;
        var pending = PendingItems(items, result.Pending);
        if (pending.Count == 0 && unpublished.Count == 0)
        {
            return new BatchOrchestrationOutcome(result, published, 0, ContinuedAsNew: false);
        }

        await context.DelayAsync(budget.MaxDelay);
        context.ContinueAsNew(new BatchOrchestrationInput(
            workflow with { Items = pending },
            [.. pending.Select(item => originals.GetValueOrDefault(item.Id)).OfType<KafkaMessage>()],
            unpublished,
            input.ActivityRetry,
            input.Round + 1));
        return new BatchOrchestrationOutcome(result, published, unpublished.Count, ContinuedAsNew: true);
    }

    private static DeadLetterRecord ToDeadLetter(
        ItemOutcome outcome,
        Dictionary<MessageId, KafkaMessage> originals,
        IReadOnlyList<WorkItem> items,
        DateTimeOffset now)
    {
        var failure = outcome.Failure ?? new DeadLetterFailure(DeadLetterStage.Workflow, "unknown");
        if (originals.TryGetValue(outcome.Id, out var original))
        {
            return DeadLetterRecord.From(original, failure, now);
        }

        // Inputs always carry the originals; should one be missing, the coordinates still let replay find the record.
        var producedAt = items.FirstOrDefault(item => item.Id == outcome.Id)?.ProducedAt ?? DateTimeOffset.UnixEpoch;
        var id = outcome.Id;
        return new DeadLetterRecord(failure, id.Topic, id.Partition, id.Offset, null, producedAt, now, ReadOnlyMemory<byte>.Empty, [])
        {
            ValueOmitted = true,
        };
    }

    private static List<WorkItem> PendingItems(IReadOnlyList<WorkItem> items, IReadOnlyList<ItemOutcome> pending)
    {
        if (pending.Count == 0)
        {
            return [];
        }

        var ids = pending.Select(outcome => outcome.Id).ToHashSet();
        var seen = new HashSet<MessageId>();
        return [.. items.Where(item => item is not null && ids.Contains(item.Id) && seen.Add(item.Id))];
    }

    private static Dictionary<MessageId, KafkaMessage> IndexById(IEnumerable<KafkaMessage> originals)
    {
        var index = new Dictionary<MessageId, KafkaMessage>();
        foreach (var original in originals)
        {
            if (original is not null)
            {
                index.TryAdd(original.Id, original);
            }
        }

        return index;
    }
}
