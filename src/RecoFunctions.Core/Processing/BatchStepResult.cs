using RecoFunctions.Core.Domain;

namespace RecoFunctions.Core.Processing;

/// <summary>One outcome per requested item, in any order.</summary>
public sealed record BatchStepResult(IReadOnlyList<ItemOutcome> Outcomes);
