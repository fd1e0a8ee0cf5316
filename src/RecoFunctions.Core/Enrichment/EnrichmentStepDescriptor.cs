using RecoFunctions.Core.Contracts;

namespace RecoFunctions.Core.Enrichment;

/// <summary>A registered step: its configuration name, the contract of the flows it serves, and how to get it.</summary>
internal sealed record EnrichmentStepDescriptor(string Name, ContractKind Contract, Func<IServiceProvider, IEnrichmentStep> Factory);
