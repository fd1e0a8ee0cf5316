using RecoFunctions.Core.Contracts;

namespace RecoFunctions.Core.Flows;

/// <summary>A flow as the pipeline runs it, resolved from validated <see cref="FlowOptions"/>.</summary>
public sealed record FlowDefinition(
    string Name,
    ContractKind Contract,
    string Topic,
    string DeadLetterTopic,
    IReadOnlyList<string> Steps);
