using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Core.Processing;

namespace RecoFunctions.Core.Workflow;

/// <summary>
/// The retried enrichment and delivery of one batch, written once for both runtimes. Deterministic: everything it does
/// goes through the <see cref="IWorkflowContext"/> (no I/O, clocks, randomness or task delays of its own), so a durable
/// orchestrator can replay it. Awaits deliberately keep the caller's context (no <c>ConfigureAwait(false)</c>), which
/// durable orchestrations require.
/// </summary>
public static class BatchWorkflow
{
    /// <summary>Reason given to an item for which the processor returned no outcome.</summary>
    public const string MissingOutcomeReason = "no outcome returned for the item";

    /// <summary>Prefix of the dead-letter reason of items that stayed transiently failing past the maximum age.</summary>
    public const string BudgetExhaustedReason = "retry budget exhausted";

    /// <summary>
    /// Processes the items until each is delivered (or stale) or dead-lettered, or the attempts of this run are spent.
    /// Items still failing then are dead-lettered if older than <see cref="RetryBudget.MaxMessageAge"/>, else returned as
    /// pending for the host to retry later.
    /// </summary>
    public static async Task<WorkflowResult> RunAsync(IWorkflowContext context, WorkflowInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var budget = input.Budget ?? throw new ArgumentException("The workflow input has no retry budget.", nameof(input));
        ArgumentOutOfRangeException.ThrowIfLessThan(budget.MaxAttemptsPerRun, 1, nameof(input));

        var delivered = new List<ItemOutcome>();
        var deadLettered = new List<ItemOutcome>();
        var lastFailures = new Dictionary<MessageId, ItemOutcome>();
        var remaining = DistinctById(input.Items ?? []);

        for (var attempt = 1; remaining.Count > 0; attempt++)
        {
            var result = await context.ProcessAsync(new BatchStepRequest(input.Flow, remaining, attempt));
            remaining = Sort(remaining, result, delivered, deadLettered, lastFailures);
            if (remaining.Count == 0 || attempt >= budget.MaxAttemptsPerRun)
            {
                break;
            }

            var retryAfter = LargestRetryAfter(remaining, lastFailures);
            await context.DelayAsync(WorkflowBackoff.ComputeDelay(budget, attempt, retryAfter, WorkflowBackoff.Seed(input.Flow, remaining[0].Id, attempt)));
        }

        var pending = new List<ItemOutcome>();
        if (remaining.Count > 0)
        {
            var now = context.UtcNow;
            foreach (var item in remaining)
            {
                var last = lastFailures[item.Id];
                if (now - item.FirstAttemptAt > budget.MaxMessageAge)
                {
                    deadLettered.Add(ItemOutcome.DeadLetter(item.Id, BudgetExhausted(last.Failure)));
                }
                else
                {
                    pending.Add(last);
                }
            }
        }

        return new WorkflowResult(delivered, deadLettered, pending);
    }

    /// <summary>Files each item's outcome; returns the items to try again. Missing outcomes mean "retry", duplicates are ignored.</summary>
    private static List<WorkItem> Sort(
        List<WorkItem> items,
        BatchStepResult? result,
        List<ItemOutcome> delivered,
        List<ItemOutcome> deadLettered,
        Dictionary<MessageId, ItemOutcome> lastFailures)
    {
        var outcomes = result?.Outcomes ?? [];
        var byId = InItemOrder(items, outcomes) ? null : IndexById(outcomes);
        var again = new List<WorkItem>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var outcome = (byId is null ? outcomes[i] : byId.GetValueOrDefault(item.Id)) ?? ItemOutcome.Later(item.Id, MissingOutcome);
            switch (outcome.Kind)
            {
                case OutcomeKind.Delivered or OutcomeKind.Stale:
                    delivered.Add(outcome);
                    break;
                case OutcomeKind.DeadLettered:
                    deadLettered.Add(outcome);
                    break;
                default:
                    lastFailures[item.Id] = outcome;
                    again.Add(item);
                    break;
            }
        }

        return again;
    }

    private static TimeSpan? LargestRetryAfter(List<WorkItem> items, Dictionary<MessageId, ItemOutcome> lastFailures)
    {
        TimeSpan? largest = null;
        foreach (var item in items)
        {
            if (lastFailures[item.Id].RetryAfter is { } retryAfter && (largest is null || retryAfter > largest))
            {
                largest = retryAfter;
            }
        }

        return largest;
    }

    /// <summary>Whether each outcome is the one of the item at its place, as processors answer: then no index is needed.</summary>
    private static bool InItemOrder(List<WorkItem> items, IReadOnlyList<ItemOutcome> outcomes)
    {
        if (outcomes.Count != items.Count)
        {
            return false;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (outcomes[i] is not { } outcome || outcome.Id != items[i].Id)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The first outcome of each item, whatever order and gaps the processor's answer has.</summary>
    private static Dictionary<MessageId, ItemOutcome> IndexById(IReadOnlyList<ItemOutcome> outcomes)
    {
        var byId = new Dictionary<MessageId, ItemOutcome>(outcomes.Count);
        foreach (var outcome in outcomes)
        {
            if (outcome is not null)
            {
                byId.TryAdd(outcome.Id, outcome);
            }
        }

        return byId;
    }

    private static List<WorkItem> DistinctById(IReadOnlyList<WorkItem> items)
    {
        var distinct = new List<WorkItem>(items.Count);
        if (AscendingInOnePartition(items))
        {
            distinct.AddRange(items);
            return distinct;
        }

        var seen = new HashSet<MessageId>(items.Count);
        foreach (var item in items)
        {
            if (item is not null && seen.Add(item.Id))
            {
                distinct.Add(item);
            }
        }

        return distinct;
    }

    /// <summary>A partition's batch, as runtimes build them: its offsets ascend, so no two items share an id.</summary>
    private static bool AscendingInOnePartition(IReadOnlyList<WorkItem> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null || (i > 0 && !Follows(items[i].Id, items[i - 1].Id)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Follows(MessageId id, MessageId previous) =>
        id.Offset > previous.Offset && id.Partition == previous.Partition && string.Equals(id.Topic, previous.Topic, StringComparison.Ordinal);

    private static readonly DeadLetterFailure MissingOutcome =
        new(DeadLetterStage.Workflow, MissingOutcomeReason) { Source = "workflow", IsTransient = true };

    /// <summary>The last failure, given up by the workflow: its source and status stay, so labels still name the cause.</summary>
    private static DeadLetterFailure BudgetExhausted(DeadLetterFailure? last) =>
        last is null
            ? new DeadLetterFailure(DeadLetterStage.Workflow, $"{BudgetExhaustedReason}: unknown") { IsTransient = true }
            : last with { Stage = DeadLetterStage.Workflow, Detail = $"{BudgetExhaustedReason}: {last.Detail}", IsTransient = true };
}
