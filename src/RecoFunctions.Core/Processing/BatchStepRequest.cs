using RecoFunctions.Core.Domain;

namespace RecoFunctions.Core.Processing;

/// <summary>Input of the one workflow step: enrich and deliver these items of one flow. Serialisable, so it can be a durable activity's input.</summary>
public sealed record BatchStepRequest(string Flow, IReadOnlyList<WorkItem> Items, int Attempt);
