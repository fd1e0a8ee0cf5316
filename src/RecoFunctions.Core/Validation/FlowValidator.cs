using System.Text.Json;
using RecoFunctions.Core.Parsing;

namespace RecoFunctions.Core.Validation;

/// <summary>
/// The validation rules of one flow, compiled once from configuration. Walks a message along the tree of configured
/// paths, then applies the cross-field rules; reports every violation, in an order fixed by the configuration alone.
/// </summary>
/// <remarks>
/// A rule applies where its parent exists: <c>content.contentId</c> is required in every <c>content</c> object,
/// but a missing <c>content</c> is reported once, by the rules of <c>content</c> itself.
/// A property whose value is <c>null</c> counts as missing; an array element that is <c>null</c> is a value like any other.
/// </remarks>
internal sealed class FlowValidator
{
    private readonly RuleNode _root;
    private readonly CrossFieldRule[] _crossField;

    public FlowValidator(RuleNode root, CrossFieldRule[] crossField)
    {
        _root = root;
        _crossField = crossField;
    }

    /// <summary>
    /// Whether every value at the property path <paramref name="names"/> is checked to be an absolute URL (its rule has
    /// type <c>url</c>): a message the validator passed needs no second look there.
    /// </summary>
    public bool ChecksUrlAt(params ReadOnlySpan<string> names)
    {
        var node = _root;
        foreach (var name in names)
        {
            node = Array.Find(node.Properties, child => child.Name == name);
            if (node is null)
            {
                return false;
            }
        }

        return node.Rule?.Type == FieldType.Url;
    }

    public void Validate(JsonElement document, ref ValidationRun run)
    {
        ValidateProperties(document, _root, ref run);
        foreach (var rule in _crossField)
        {
            rule.Check(document, ref run);
        }
    }

    private static void ValidateProperties(JsonElement value, RuleNode node, ref ValidationRun run)
    {
        foreach (var child in node.Properties)
        {
            if (value.TryGetProperty(child.Utf8Name, out var property) && property.ValueKind != JsonValueKind.Null)
            {
                ValidateValue(property, child, ref run);
            }
            else if (child.Rule is { Required: true })
            {
                run.Add(child, RuleNames.Required, "is required");
            }
        }
    }

    private static void ValidateValue(JsonElement value, RuleNode node, ref ValidationRun run)
    {
        if (node.Rule is { } rule && !rule.Check(value, node, ref run))
        {
            return;
        }

        var kind = value.ValueKind;
        if (kind == JsonValueKind.Object && node.Properties.Length > 0)
        {
            ValidateProperties(value, node, ref run);
        }
        else if (kind == JsonValueKind.Array && node.Elements is { } elements)
        {
            ValidateElements(value, elements, ref run);
        }
    }

    private static void ValidateElements(JsonElement array, RuleNode elements, ref ValidationRun run)
    {
        var slot = elements.ElementDepth - 1;
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            run.Indices[slot] = index++;
            if (item.ValueKind == JsonValueKind.Null && elements.Rule is { Required: true })
            {
                run.Add(elements, RuleNames.Required, "must not be null");
            }
            else
            {
                ValidateValue(item, elements, ref run);
            }
        }
    }
}
