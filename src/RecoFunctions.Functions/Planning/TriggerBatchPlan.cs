using RecoFunctions.Core.DeadLetters;

namespace RecoFunctions.Functions.Planning;

/// <summary>What to do with one Kafka trigger batch: the orchestrations to schedule and the messages to dead-letter now.</summary>
public sealed record TriggerBatchPlan(IReadOnlyList<PlannedOrchestration> Orchestrations, IReadOnlyList<DeadLetterRecord> DeadLetters)
{
    /// <summary>Valid messages handed to orchestrations.</summary>
    public int Accepted => Orchestrations.Sum(orchestration => orchestration.Input.Workflow.Items.Count);
}
