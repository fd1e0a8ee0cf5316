using System.Text.Json;
using RecoFunctions.Core.Parsing;

namespace RecoFunctions.Core.Validation;

/// <summary><c>after</c>: the timestamp at the path is strictly later than the one at <c>Other</c>, when both are valid timestamps.</summary>
internal sealed class AfterRule : CrossFieldRule
{
    private readonly byte[][] _other;
    private readonly string _otherPath;

    public AfterRule(FieldPath path, FieldPath other)
        : base(path)
    {
        _other = Encode(other);
        _otherPath = "$." + other.Text;
    }

    public override void Check(JsonElement document, ref ValidationRun run)
    {
        if (TryReadTimestamp(document, out var later, useOther: false) &&
            TryReadTimestamp(document, out var earlier, useOther: true) &&
            later <= earlier)
        {
            run.Add(JsonPath, RuleNames.After, $"must be later than {_otherPath}");
        }
    }

    // Missing or malformed timestamps are the field rules' business; this rule only compares valid ones.
    private bool TryReadTimestamp(JsonElement document, out DateTimeOffset value, bool useOther)
    {
        value = default;
        var found = useOther ? TryResolve(document, _other, out var element) : TryResolve(document, out element);
        return found &&
            element.ValueKind == JsonValueKind.String &&
            JsonStrings.TryGetUtf8(element, out var text) &&
            JsonStrings.TryGetTimestamp(element, text, out value);
    }
}
