using System.Text;
using System.Text.Json;

namespace RecoFunctions.Core.Validation;

/// <summary>A rule that relates a field to another field or to the message key.</summary>
internal abstract class CrossFieldRule
{
    private readonly byte[][] _segments;

    protected CrossFieldRule(FieldPath path)
    {
        _segments = Encode(path);
        JsonPath = "$." + path.Text;
    }

    /// <summary>Where a violation of this rule is reported, e.g. <c>$.campaign.endAt</c>.</summary>
    public string JsonPath { get; }

    public abstract void Check(JsonElement document, ref ValidationRun run);

    /// <summary>The value at this rule's path; false when it, or an object on the way to it, is missing or null.</summary>
    protected bool TryResolve(JsonElement document, out JsonElement value) => TryResolve(document, _segments, out value);

    protected static bool TryResolve(JsonElement document, byte[][] segments, out JsonElement value)
    {
        value = document;
        foreach (var segment in segments)
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(segment, out value))
            {
                return false;
            }
        }

        return value.ValueKind != JsonValueKind.Null;
    }

    protected static byte[][] Encode(FieldPath path) => [.. path.Segments.Select(segment => Encoding.UTF8.GetBytes(segment!))];
}
