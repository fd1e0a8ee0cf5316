namespace RecoFunctions.Core.Workflow;

/// <summary>One outcome per requested item, in any order.</summary>
public sealed record BatchStepResult(IReadOnlyList<ItemOutcome> Outcomes);
