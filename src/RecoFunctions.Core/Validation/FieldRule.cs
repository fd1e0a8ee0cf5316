using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using RecoFunctions.Core.Parsing;

namespace RecoFunctions.Core.Validation;

/// <summary>
/// The compiled rules of one configured field. Everything that can be prepared is prepared at start-up
/// (UTF-8 enum values, the regular expression); <see cref="Check"/> allocates only to describe a violation.
/// </summary>
internal sealed class FieldRule
{
    private const int StackCharLimit = 256;

    public bool Required { get; init; }

    public FieldType Type { get; init; }

    public byte[][]? Enum { get; init; }

    public string? EnumText { get; init; }

    public Regex? Pattern { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public double? Minimum { get; init; }

    public double? Maximum { get; init; }

    public int? MinItems { get; init; }

    public int? MaxItems { get; init; }

    public TimeSpan MaxFutureSkew { get; init; }

    public string[] Schemes { get; init; } = [];

    /// <summary>Checks a present, non-null value. False when it has the wrong type: then nothing inside it is checked.</summary>
    public bool Check(JsonElement value, RuleNode node, ref ValidationRun run)
    {
        var kind = value.ValueKind;
        if (Type != FieldType.None && !HasType(value, kind))
        {
            run.Add(node, RuleNames.Type, DescribeTypeMismatch(kind));
            return false;
        }

        switch (kind)
        {
            case JsonValueKind.String:
                CheckString(value, node, ref run);
                break;
            case JsonValueKind.Number:
                CheckEnumMismatch(node, ref run);
                CheckNumber(value, node, ref run);
                break;
            case JsonValueKind.Array:
                CheckEnumMismatch(node, ref run);
                CheckItems(value, node, ref run);
                break;
            default:
                CheckEnumMismatch(node, ref run);
                break;
        }

        return true;
    }

    private bool HasType(JsonElement value, JsonValueKind kind) => Type switch
    {
        FieldType.String or FieldType.Timestamp or FieldType.Url => kind == JsonValueKind.String,
        FieldType.Integer => kind == JsonValueKind.Number && value.TryGetInt64(out _),
        FieldType.Number => kind == JsonValueKind.Number,
        FieldType.Boolean => kind is JsonValueKind.True or JsonValueKind.False,
        FieldType.Object => kind == JsonValueKind.Object,
        FieldType.Array => kind == JsonValueKind.Array,
        _ => true,
    };

    private string DescribeTypeMismatch(JsonValueKind kind) =>
        Type == FieldType.Integer && kind == JsonValueKind.Number
            ? "must be an integer (a whole number within 64 bits, without a fraction or exponent)"
            : $"must be {FieldTypes.Describe(Type)}, not {JsonKinds.Describe(kind)}";

    private void CheckEnumMismatch(RuleNode node, ref ValidationRun run)
    {
        if (Enum is not null)
        {
            run.Add(node, RuleNames.Enum, $"must be one of {EnumText}");
        }
    }

    private void CheckString(JsonElement value, RuleNode node, ref ValidationRun run)
    {
        // The parser already refuses such escapes; this keeps the validator safe on its own.
        if (!JsonStrings.TryGetUtf8(value, out var text))
        {
            run.Add(node, RuleNames.Encoding, "contains an escaped UTF-16 surrogate that does not form a character");
            return;
        }

        if (Enum is not null && !IsEnumValue(text))
        {
            run.Add(node, RuleNames.Enum, $"must be one of {EnumText}");
        }

        if (Pattern is not null)
        {
            CheckPattern(text, node, ref run);
        }

        if (MinLength is not null || MaxLength is not null)
        {
            CheckLength(text, node, ref run);
        }

        if (Type == FieldType.Timestamp)
        {
            CheckTimestamp(value, text, node, ref run);
        }
        else if (Type == FieldType.Url)
        {
            CheckUrl(text, node, ref run);
        }
    }

    private bool IsEnumValue(ReadOnlySpan<byte> text)
    {
        foreach (var candidate in Enum!)
        {
            if (text.SequenceEqual(candidate))
            {
                return true;
            }
        }

        return false;
    }

    private void CheckPattern(ReadOnlySpan<byte> text, RuleNode node, ref ValidationRun run)
    {
        char[]? rented = null;
        var chars = text.Length <= StackCharLimit
            ? stackalloc char[StackCharLimit]
            : (rented = ArrayPool<char>.Shared.Rent(text.Length));
        try
        {
            var length = Encoding.UTF8.GetChars(text, chars);
            if (!Pattern!.IsMatch(chars[..length]))
            {
                run.Add(node, RuleNames.Pattern, $"does not match the pattern {Pattern}");
            }
        }
        catch (RegexMatchTimeoutException)
        {
            run.Add(node, RuleNames.Pattern, $"could not be matched against the pattern {Pattern} within {Pattern!.MatchTimeout.TotalMilliseconds} ms");
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private void CheckLength(ReadOnlySpan<byte> text, RuleNode node, ref ValidationRun run)
    {
        var length = JsonStrings.CountCharacters(text);
        if (length < MinLength)
        {
            run.Add(node, RuleNames.MinLength, $"must be at least {MinLength} characters long, not {length}");
        }

        if (length > MaxLength)
        {
            run.Add(node, RuleNames.MaxLength, $"must be at most {MaxLength} characters long, not {length}");
        }
    }

    private void CheckTimestamp(JsonElement value, ReadOnlySpan<byte> text, RuleNode node, ref ValidationRun run)
    {
        if (!JsonStrings.TryGetTimestamp(value, text, out var at))
        {
            run.Add(node, RuleNames.Timestamp, "must be an ISO 8601 timestamp with an offset, e.g. 2026-11-21T10:00:00Z");
            return;
        }

        if (at - run.Now > MaxFutureSkew)
        {
            run.Add(node, RuleNames.Future, $"lies more than {MaxFutureSkew.ToString("c", CultureInfo.InvariantCulture)} in the future");
        }
    }

    private void CheckUrl(ReadOnlySpan<byte> text, RuleNode node, ref ValidationRun run)
    {
        // Uri needs a string; url fields are few. The content mapper skips its own check where this one runs.
        if (Uri.TryCreate(Encoding.UTF8.GetString(text), UriKind.Absolute, out var uri) && IsAllowedScheme(uri.Scheme))
        {
            return;
        }

        run.Add(node, RuleNames.Url, $"must be an absolute URL with scheme {string.Join(" or ", Schemes)}");
    }

    private bool IsAllowedScheme(string scheme)
    {
        foreach (var allowed in Schemes)
        {
            if (string.Equals(allowed, scheme, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private void CheckNumber(JsonElement value, RuleNode node, ref ValidationRun run)
    {
        if (Minimum is null && Maximum is null)
        {
            return;
        }

        if (!value.TryGetDouble(out var number))
        {
            // Beyond the range of a double: only the sign matters for the comparison.
            number = JsonMarshal.GetRawUtf8Value(value)[0] == (byte)'-' ? double.NegativeInfinity : double.PositiveInfinity;
        }

        if (number < Minimum)
        {
            run.Add(node, RuleNames.Minimum, $"must be at least {Minimum.Value.ToString(CultureInfo.InvariantCulture)}");
        }

        if (number > Maximum)
        {
            run.Add(node, RuleNames.Maximum, $"must be at most {Maximum.Value.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private void CheckItems(JsonElement value, RuleNode node, ref ValidationRun run)
    {
        if (MinItems is null && MaxItems is null)
        {
            return;
        }

        var count = value.GetArrayLength();
        if (count < MinItems)
        {
            run.Add(node, RuleNames.MinItems, $"must have at least {MinItems} items, not {count}");
        }

        if (count > MaxItems)
        {
            run.Add(node, RuleNames.MaxItems, $"must have at most {MaxItems} items, not {count}");
        }
    }
}
