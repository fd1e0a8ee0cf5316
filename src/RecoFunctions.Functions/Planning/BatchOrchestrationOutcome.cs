using RecoFunctions.Core.Workflow;

namespace RecoFunctions.Functions.Planning;

/// <summary>
/// What one run of <see cref="BatchOrchestration"/> did: the workflow's result, how many dead letters were published,
/// how many remain unpublished, and whether the run continued as new (pending items or unpublished dead letters).
/// </summary>
public sealed record BatchOrchestrationOutcome(WorkflowResult Result, int DeadLettersPublished, int DeadLettersUnpublished, bool ContinuedAsNew);
