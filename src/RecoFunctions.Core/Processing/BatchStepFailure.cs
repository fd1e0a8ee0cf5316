using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Domain;

namespace RecoFunctions.Core.Processing;

/// <summary>What a step that failed as a whole (e.g. its activity ran out of retries) means for its items.</summary>
public static class BatchStepFailure
{
    /// <summary>
    /// Every item of <paramref name="request"/> is retried later: a failed step never loses or dead-letters items by
    /// itself; the workflow's retry budget decides when they are given up.
    /// </summary>
    public static BatchStepResult RetryAll(BatchStepRequest request, string reason)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        var failure = new DeadLetterFailure(DeadLetterStage.Workflow, reason) { Source = "activity", IsTransient = true };
        return new BatchStepResult([.. request.Items.Select(item => ItemOutcome.Later(item.Id, failure))]);
    }
}
