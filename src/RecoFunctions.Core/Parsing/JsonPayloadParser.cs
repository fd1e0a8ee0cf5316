using System.Text.Json;
using System.Text.Unicode;

namespace RecoFunctions.Core.Parsing;

/// <summary>
/// Turns a raw message value into a JSON document, or into one violation at <c>$</c>. Any byte string is acceptable
/// input: nothing here throws for bad data, because one hostile message must not stop a partition.
/// </summary>
internal sealed class JsonPayloadParser
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static ReadOnlySpan<byte> JsonWhitespace => " \t\r\n"u8;

    private readonly int _maxPayloadBytes;
    private readonly int _maxDepth;
    private readonly JsonDocumentOptions _options;

    public JsonPayloadParser(int maxPayloadBytes, int maxDepth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPayloadBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        _maxPayloadBytes = maxPayloadBytes;
        _maxDepth = maxDepth;

        // Duplicate properties are refused: otherwise the validator and the deserializer could disagree on which one counts.
        _options = new JsonDocumentOptions { MaxDepth = maxDepth, AllowDuplicateProperties = false };
    }

    public int MaxPayloadBytes => _maxPayloadBytes;

    private static ParseOutcome InvalidEscape =>
        ParseOutcome.Failed(RuleNames.Encoding, "the JSON escapes a UTF-16 surrogate that does not form a character");

    public ParseOutcome Parse(ReadOnlyMemory<byte> value)
    {
        if (value.Length > _maxPayloadBytes)
        {
            return TooLarge(value.Length, _maxPayloadBytes);
        }

        var json = value.Span.StartsWith(Utf8Bom) ? value[Utf8Bom.Length..] : value;
        if (json.Span.IndexOfAnyExcept(JsonWhitespace) < 0)
        {
            return ParseOutcome.Failed(RuleNames.Empty, value.IsEmpty
                ? "the value is empty (a null value or a tombstone)"
                : "the value contains only whitespace");
        }

        if (!Utf8.IsValid(json.Span))
        {
            return ParseOutcome.Failed(RuleNames.Encoding, "the value is not valid UTF-8");
        }

        // The reader accepts \ud800 and friends, but such a string cannot become text: reading it later would throw
        // (the duplicate-property check of the document itself does, with an InvalidOperationException).
        if (MayEscapeSurrogates(json.Span) && !EscapesFormText(json.Span))
        {
            return InvalidEscape;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, _options);
        }
        catch (JsonException exception)
        {
            return Classify(json.Span, exception);
        }
        catch (InvalidOperationException)
        {
            return InvalidEscape;
        }

        var kind = document.RootElement.ValueKind;
        if (kind != JsonValueKind.Object)
        {
            document.Dispose();
            return ParseOutcome.Failed(RuleNames.NotObject, $"the value must be a JSON object, not {JsonKinds.Describe(kind)}");
        }

        return new ParseOutcome(document, null);
    }

    internal static ParseOutcome TooLarge(long length, int limit) =>
        ParseOutcome.Failed(RuleNames.PayloadTooLarge, $"the value is {length} bytes; the limit is {limit} bytes");

    /// <summary>
    /// Whether the text contains something like <c>\uD800</c>-<c>\uDFFF</c>. Many serializers escape every non-ASCII
    /// character, so plain <c>\u</c> escapes are common; escaped surrogates (characters beyond U+FFFF) are rare.
    /// </summary>
    private static bool MayEscapeSurrogates(ReadOnlySpan<byte> json)
    {
        for (var at = json.IndexOf("\\u"u8); at >= 0 && at + 3 < json.Length; at = NextEscape(json, at))
        {
            if (json[at + 2] is (byte)'d' or (byte)'D' && json[at + 3] is (>= (byte)'8' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F'))
            {
                return true;
            }
        }

        return false;
    }

    private static int NextEscape(ReadOnlySpan<byte> json, int at)
    {
        var next = json[(at + 2)..].IndexOf("\\u"u8);
        return next < 0 ? -1 : at + 2 + next;
    }

    /// <summary>Runs only for values that seem to escape surrogates: reads every escaped name and string once.</summary>
    private bool EscapesFormText(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = _maxDepth + 1 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.PropertyName or JsonTokenType.String && reader.ValueIsEscaped)
                {
                    _ = reader.GetString();
                }
            }

            return true;
        }
        catch (JsonException)
        {
            // Malformed: parsing will say so.
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Only runs for rejected input. A second, reader-level pass tells "nested too deeply" apart from "malformed",
    /// because the exception does not say which it was.
    /// </summary>
    private ParseOutcome Classify(ReadOnlySpan<byte> json, JsonException exception)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = _maxDepth + 1 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= _maxDepth)
                {
                    return ParseOutcome.Failed(RuleNames.Depth, $"the JSON nests deeper than {_maxDepth} levels");
                }
            }
        }
        catch (JsonException)
        {
            // The malformation comes first; the original exception describes it.
        }

        return ParseOutcome.Failed(RuleNames.Json, $"the value is not valid JSON: {exception.Message}");
    }
}
