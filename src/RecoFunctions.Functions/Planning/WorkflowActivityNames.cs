using RecoFunctions.Core.Processing;

namespace RecoFunctions.Functions.Planning;

/// <summary>
/// Names under which the durable host registers the batch orchestrator and its activities. The orchestrator calls the
/// activities by these names, so they are part of the contract between orchestration history and code: renaming one
/// breaks orchestrations that are in flight.
/// </summary>
public static class WorkflowActivityNames
{
    /// <summary>The orchestrator that runs <see cref="BatchOrchestration"/> for one trigger batch slice.</summary>
    public const string BatchOrchestrator = "BatchOrchestrator";

    /// <summary>Enriches and delivers a <see cref="BatchStepRequest"/> through <see cref="IBatchProcessor"/>.</summary>
    public const string ProcessBatch = "ProcessBatch";

    /// <summary>Produces a <see cref="Core.DeadLetters.DeadLetterBatch"/> to the flow's dead-letter topic.</summary>
    public const string PublishDeadLetters = "PublishDeadLetters";
}
