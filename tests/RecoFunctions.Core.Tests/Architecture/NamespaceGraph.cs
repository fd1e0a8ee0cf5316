using System.Reflection;
using NetArchTest.Rules;

namespace RecoFunctions.Core.Tests.Architecture;

/// <summary>Which of an assembly's namespaces under a root use which others, read from its IL by NetArchTest.</summary>
internal static class NamespaceGraph
{
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Of(Assembly assembly, string root)
    {
        var types = Types.InAssembly(assembly);
        var namespaces = types.GetTypes()
            .Select(type => type.Namespace)
            .OfType<string>()
            .Where(name => name.StartsWith(root + ".", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);

        var graph = namespaces.ToDictionary(name => name, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var target in namespaces)
        {
            // One query per target: the types that use it, wherever they live.
            var users = Types.InAssembly(assembly).Should().NotHaveDependencyOn(target).GetResult().FailingTypeNames ?? [];
            foreach (var user in users.Select(NamespaceOf).Where(graph.ContainsKey))
            {
                if (user != target)
                {
                    graph[user].Add(target);
                }
            }
        }

        return graph.ToDictionary(pair => pair.Key, pair => (IReadOnlySet<string>)pair.Value, StringComparer.Ordinal);
    }

    /// <summary>The namespace of a type's full name as Mono.Cecil writes it (nested types after '/').</summary>
    public static string NamespaceOf(string fullName)
    {
        var outer = fullName.Split('/')[0];
        var dot = outer.LastIndexOf('.');
        return dot < 0 ? string.Empty : outer[..dot];
    }
}
