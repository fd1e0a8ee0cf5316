using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Workflow;

namespace RecoFunctions.Functions.Planning;

/// <summary>
/// What <see cref="BatchOrchestration"/> may do beyond the workflow: publish dead letters and restart itself with new
/// input. Implemented over a durable orchestration context; like <see cref="IWorkflowContext"/>, nothing else.
/// </summary>
public interface IBatchOrchestrationContext : IWorkflowContext
{
    /// <summary>Produces the dead letters; false when that failed even after the host's retries (they are kept and tried again).</summary>
    Task<bool> TryPublishDeadLettersAsync(DeadLetterBatch batch);

    /// <summary>Ends this run and starts the orchestration again with <paramref name="input"/> and an empty history.</summary>
    void ContinueAsNew(BatchOrchestrationInput input);
}
