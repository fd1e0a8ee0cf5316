using RecoFunctions.Core.Processing;

namespace RecoFunctions.Core.Tests.Architecture;

/// <summary>Core's namespaces depend on each other one way only, in the order of <see cref="CoreLayers"/>.</summary>
public sealed class CoreArchitectureTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlySet<string>>> Graph =
        new(() => NamespaceGraph.Of(typeof(BatchProcessor).Assembly, CoreLayers.Root));

    [Fact]
    public void CoreNamespaces_Dependencies_PointDownTheLayerOrder()
    {
        var problems = LayerCheck.WrongDirections(Graph.Value, CoreLayers.Qualified);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void CoreNamespaces_Dependencies_FormNoCycle()
    {
        var cycles = LayerCheck.Cycles(Graph.Value);

        Assert.True(cycles.Count == 0, string.Join(Environment.NewLine, cycles.Select(cycle => string.Join(" <-> ", cycle))));
    }

    [Fact]
    public void CoreLayers_EveryListedNamespace_ExistsInCore()
    {
        var missing = CoreLayers.Qualified.Where(name => !Graph.Value.ContainsKey(name));

        Assert.Empty(missing);
    }

    [Fact]
    public void NamespaceGraph_CoreAssembly_SeesKnownDependenciesAndNoInventedOnes()
    {
        var graph = Graph.Value;

        // Without these the checks above would pass on an empty graph.
        Assert.Contains("RecoFunctions.Core.Enrichment", graph["RecoFunctions.Core.Processing"]);
        Assert.Contains("RecoFunctions.Core.Parsing", graph["RecoFunctions.Core.Validation"]);
        Assert.DoesNotContain("RecoFunctions.Core.Workflow", graph["RecoFunctions.Core.Parsing"]);
    }
}
