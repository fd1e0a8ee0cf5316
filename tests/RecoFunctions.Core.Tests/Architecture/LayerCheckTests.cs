namespace RecoFunctions.Core.Tests.Architecture;

public sealed class LayerCheckTests
{
    private static readonly string[] Order = ["Low", "Middle", "High"];

    [Fact]
    public void WrongDirections_DependenciesPointDown_NoProblem()
    {
        var graph = Graph(("High", "Middle"), ("High", "Low"), ("Middle", "Low"));

        Assert.Empty(LayerCheck.WrongDirections(graph, Order));
    }

    [Fact]
    public void WrongDirections_LowDependsOnHigh_NamesThePair()
    {
        var graph = Graph(("Middle", "Low"), ("Low", "High"));

        Assert.Equal(["Low depends on High, which is above it"], LayerCheck.WrongDirections(graph, Order));
    }

    [Fact]
    public void WrongDirections_NamespaceOutsideTheOrder_NamesIt()
    {
        var graph = Graph(("Stray", "Low"));

        Assert.Equal(["Stray is not placed in the layer order"], LayerCheck.WrongDirections(graph, Order));
    }

    [Fact]
    public void Cycles_PairUsingEachOther_FoundOnce()
    {
        var graph = Graph(("Middle", "Low"), ("Low", "Middle"), ("High", "Low"));

        var cycle = Assert.Single(LayerCheck.Cycles(graph));
        Assert.Equal(["Low", "Middle"], cycle);
    }

    [Fact]
    public void Cycles_LongerLoop_FoundWithEveryMember()
    {
        var graph = Graph(("Low", "Middle"), ("Middle", "High"), ("High", "Low"));

        Assert.Equal(["High", "Low", "Middle"], Assert.Single(LayerCheck.Cycles(graph)));
    }

    [Fact]
    public void Cycles_Acyclic_NoneFound()
    {
        var graph = Graph(("High", "Middle"), ("Middle", "Low"), ("High", "Low"));

        Assert.Empty(LayerCheck.Cycles(graph));
    }

    [Theory]
    [InlineData("RecoFunctions.Core.Domain.WorkItem", "RecoFunctions.Core.Domain")]
    [InlineData("RecoFunctions.Core.Services.SharedBatchCall/<>c", "RecoFunctions.Core.Services")]
    [InlineData("Global", "")]
    public void NamespaceOf_CecilFullName_StripsTypeAndNestedParts(string fullName, string expected)
    {
        Assert.Equal(expected, NamespaceGraph.NamespaceOf(fullName));
    }

    private static Dictionary<string, IReadOnlySet<string>> Graph(params (string From, string To)[] edges)
    {
        var graph = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var name in edges.SelectMany(edge => new[] { edge.From, edge.To }).Distinct())
        {
            graph[name] = edges.Where(edge => edge.From == name).Select(edge => edge.To).ToHashSet(StringComparer.Ordinal);
        }

        return graph;
    }
}
