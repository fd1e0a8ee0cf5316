using System.Text;

namespace RecoFunctions.Core.Validation;

/// <summary>
/// One position in the tree of configured paths: a property of its parent object, or every element of its parent array.
/// The tree is built once per flow so that a message is walked once, each property looked up by its UTF-8 name.
/// </summary>
internal sealed class RuleNode
{
    private RuleNode(RuleNode? parent, string? name)
    {
        Parent = parent;
        Name = name;
        Utf8Name = name is null ? [] : Encoding.UTF8.GetBytes(name);
        ElementDepth = (parent?.ElementDepth ?? 0) + (parent is not null && name is null ? 1 : 0);
        Template = parent is null ? "$" : name is null ? parent.Template + "[]" : parent.Template + "." + name;
    }

    public RuleNode? Parent { get; }

    /// <summary>The property name, or <c>null</c> for the elements of an array.</summary>
    public string? Name { get; }

    public byte[] Utf8Name { get; }

    /// <summary>How many arrays lie between the root and this node (0 for plain property paths).</summary>
    public int ElementDepth { get; }

    public FieldRule? Rule { get; set; }

    /// <summary>Property children in ordinal name order, so that violations come out in the same order for every message.</summary>
    public RuleNode[] Properties { get; private set; } = [];

    public RuleNode? Elements { get; private set; }

    /// <summary>The path with <c>[]</c> for array elements, e.g. <c>$.content.tags[]</c>; the JSON path itself when there are none.</summary>
    public string Template { get; }

    public static RuleNode CreateRoot() => new(null, null);

    public RuleNode GetOrAddChild(string? name)
    {
        if (name is null)
        {
            return Elements ??= new RuleNode(this, null);
        }

        foreach (var existing in Properties)
        {
            if (existing.Name == name)
            {
                return existing;
            }
        }

        var child = new RuleNode(this, name);
        Properties = [.. Properties, child];
        Array.Sort(Properties, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return child;
    }

    /// <summary>The JSON path of this node with the given array indices, e.g. <c>$.content.tags[2]</c>.</summary>
    public string Format(in ElementIndices indices)
    {
        if (ElementDepth == 0)
        {
            return Template;
        }

        var chain = new Stack<RuleNode>();
        for (var node = this; node.Parent is not null; node = node.Parent)
        {
            chain.Push(node);
        }

        var builder = new StringBuilder("$");
        while (chain.TryPop(out var node))
        {
            if (node.Name is null)
            {
                builder.Append('[').Append(indices[node.ElementDepth - 1]).Append(']');
            }
            else
            {
                builder.Append('.').Append(node.Name);
            }
        }

        return builder.ToString();
    }
}
