namespace RecoFunctions.Core.Tests.Architecture;

/// <summary>
/// Judges a namespace dependency graph against a bottom-up layer order: every namespace placed, every dependency pointing
/// down, and no cycle (reported on its own, since a cycle is the harder thing to undo).
/// </summary>
internal static class LayerCheck
{
    /// <summary>Dependencies that point to the same or a higher layer, and namespaces the order does not place.</summary>
    public static IReadOnlyList<string> WrongDirections(IReadOnlyDictionary<string, IReadOnlySet<string>> graph, IReadOnlyList<string> bottomUp)
    {
        var rank = bottomUp.Select((name, index) => (name, index)).ToDictionary(pair => pair.name, pair => pair.index, StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (from, targets) in graph.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (!rank.TryGetValue(from, out var fromRank))
            {
                problems.Add($"{from} is not placed in the layer order");
                continue;
            }

            foreach (var to in targets.Where(to => to != from).Order(StringComparer.Ordinal))
            {
                if (rank.TryGetValue(to, out var toRank) && toRank > fromRank)
                {
                    problems.Add($"{from} depends on {to}, which is above it");
                }
            }
        }

        return problems;
    }

    /// <summary>Every set of two or more namespaces that reach each other (strongly connected components, Tarjan).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Cycles(IReadOnlyDictionary<string, IReadOnlySet<string>> graph)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var cycles = new List<IReadOnlyList<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in graph.GetValueOrDefault(node) ?? new HashSet<string>())
            {
                if (next == node)
                {
                    continue;
                }

                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], index[next]);
                }
            }

            if (low[node] != index[node])
            {
                return;
            }

            var component = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            }
            while (member != node);

            if (component.Count > 1)
            {
                cycles.Add([.. component.Order(StringComparer.Ordinal)]);
            }
        }

        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return cycles;
    }
}
