using RecoFunctions.Core.Domain;

namespace RecoFunctions.Core.Workflow;

/// <summary>
/// Every input item ends in exactly one list. <see cref="Pending"/> items failed transiently and are still younger than
/// the maximum age: the host must retry them later (the runtime keeps their offsets uncommitted).
/// </summary>
public sealed record WorkflowResult(
    IReadOnlyList<ItemOutcome> Delivered,
    IReadOnlyList<ItemOutcome> DeadLettered,
    IReadOnlyList<ItemOutcome> Pending);
