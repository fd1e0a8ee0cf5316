using RecoFunctions.Runtime.Tests;

namespace RecoFunctions.Local.Tests.Runtime;

/// <summary>
/// The runtime collection of this assembly (xunit reads definitions per assembly): the commands that run the whole
/// pipeline (Kafka, sandbox, runtime) share two cores; run one at a time so that their timing stays representative.
/// </summary>
[CollectionDefinition(RuntimeCollection.Name, DisableParallelization = true)]
public sealed class RuntimeCommandsCollection;
