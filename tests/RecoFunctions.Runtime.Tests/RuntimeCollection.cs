namespace RecoFunctions.Runtime.Tests;

/// <summary>
/// Tests that run the whole pipeline (Kafka, sandbox, runtime) share two cores; run one at a time so that their
/// timing stays representative.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RuntimeCollection
{
    public const string Name = "runtime";
}
