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
        var outcomes = new Dictionary<MessageId, ItemOutcome>();
        foreach (var outcome in result?.Outcomes ?? [])
        {
            if (outcome is not null)
            {
                outcomes.TryAdd(outcome.Id, outcome);
            }
        }

        var again = new List<WorkItem>();
        foreach (var item in items)
        {
            var outcome = outcomes.GetValueOrDefault(item.Id) ?? ItemOutcome.Later(item.Id, MissingOutcome);
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

    private static List<WorkItem> DistinctById(IEnumerable<WorkItem> items)
    {
        var seen = new HashSet<MessageId>();
        var distinct = new List<WorkItem>();
        foreach (var item in items)
        {
            if (item is not null && seen.Add(item.Id))
            {
                distinct.Add(item);
            }
        }

        return distinct;
    }

    private static readonly DeadLetterFailure MissingOutcome =
        new(DeadLetterStage.Workflow, MissingOutcomeReason) { Source = "workflow", IsTransient = true };

    /// <summary>The last failure, given up by the workflow: its source and status stay, so labels still name the cause.</summary>
    private static DeadLetterFailure BudgetExhausted(DeadLetterFailure? last) =>
        last is null
            ? new DeadLetterFailure(DeadLetterStage.Workflow, $"{BudgetExhaustedReason}: unknown") { IsTransient = true }
            : last with { Stage = DeadLetterStage.Workflow, Detail = $"{BudgetExhaustedReason}: {last.Detail}", IsTransient = true };
}
