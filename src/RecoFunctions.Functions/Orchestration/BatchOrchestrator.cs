using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using RecoFunctions.Core.Workflow;
using RecoFunctions.Functions.Planning;

namespace RecoFunctions.Functions.Orchestration;

/// <summary>
/// The durable orchestrator of one trigger batch slice: <see cref="BatchOrchestration"/> through a
/// <see cref="DurableWorkflowContext"/>. Deterministic: everything goes through the durable context.
/// </summary>
public static class BatchOrchestrator
{
    [Function(WorkflowActivityNames.BatchOrchestrator)]
    public static async Task<WorkflowResult> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var logger = context.CreateReplaySafeLogger(WorkflowActivityNames.BatchOrchestrator);
        var input = context.GetInput<BatchOrchestrationInput>()
            ?? throw new InvalidOperationException($"Orchestration {context.InstanceId} has no input.");

        var outcome = await BatchOrchestration.RunAsync(new DurableWorkflowContext(context, input.ActivityRetry, logger), input);

        var result = outcome.Result;
        OrchestrationLog.RunFinished(
            logger,
            context.InstanceId,
            input.Round,
            result.Delivered.Count,
            result.DeadLettered.Count,
            result.Pending.Count,
            outcome.DeadLettersPublished,
            outcome.DeadLettersUnpublished,
            outcome.ContinuedAsNew);
        return result;
    }
}
