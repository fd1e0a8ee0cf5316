using System.Text.Json.Nodes;

namespace RecoFunctions.Local.Workload;

/// <summary>A configured field path (<c>content.title</c>, <c>content.tags[]</c> for the elements) resolved in a <see cref="JsonObject"/>.</summary>
internal sealed class FieldAddress
{
    private readonly string[] _segments;

    private FieldAddress(string[] segments, bool isElement)
    {
        _segments = segments;
        IsElement = isElement;
    }

    /// <summary>The path names the elements of an array (<c>[]</c>): changes apply to its first element.</summary>
    public bool IsElement { get; }

    public static FieldAddress Parse(string path)
    {
        var isElement = path.EndsWith("[]", StringComparison.Ordinal);
        return new FieldAddress((isElement ? path[..^2] : path).Split('.'), isElement);
    }

    public JsonNode? Get(JsonObject root) => Parent(root) is { } parent ? parent[_segments[^1]] : null;

    public void Set(JsonObject root, JsonNode value)
    {
        var parent = Parent(root, create: true)!;
        if (!IsElement)
        {
            parent[_segments[^1]] = value;
            return;
        }

        if (parent[_segments[^1]] is not JsonArray array)
        {
            parent[_segments[^1]] = new JsonArray(value);
        }
        else if (array.Count == 0)
        {
            array.Add(value);
        }
        else
        {
            array[0] = value;
        }
    }

    public void Remove(JsonObject root) => Parent(root)?.Remove(_segments[^1]);

    private JsonObject? Parent(JsonObject root, bool create = false)
    {
        var current = root;
        for (var i = 0; i < _segments.Length - 1; i++)
        {
            if (current[_segments[i]] is JsonObject next)
            {
                current = next;
            }
            else if (create)
            {
                next = [];
                current[_segments[i]] = next;
                current = next;
            }
            else
            {
                return null;
            }
        }

        return current;
    }
}
