using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace RecoFunctions.Core.Validation;

/// <summary>Reads JSON strings as UTF-8 straight from the document, so that checking a string allocates nothing.</summary>
internal static class JsonStrings
{
    /// <summary>
    /// The unescaped UTF-8 text of a string element. False when an escape sequence encodes an invalid UTF-16 surrogate,
    /// which the JSON reader accepts but which cannot be turned into text.
    /// </summary>
    public static bool TryGetUtf8(JsonElement element, out ReadOnlySpan<byte> text)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        var content = raw[1..^1];
        if (content.IndexOf((byte)'\\') < 0)
        {
            text = content;
            return true;
        }

        try
        {
            text = Encoding.UTF8.GetBytes(element.GetString()!);
            return true;
        }
        catch (InvalidOperationException)
        {
            text = default;
            return false;
        }
    }

    /// <summary>Length in Unicode scalar values (what a reader would call characters).</summary>
    public static int CountCharacters(ReadOnlySpan<byte> utf8)
    {
        if (System.Text.Ascii.IsValid(utf8))
        {
            return utf8.Length;
        }

        var count = 0;
        foreach (var b in utf8)
        {
            // Every scalar value has exactly one byte that is not a continuation byte (10xxxxxx).
            if ((b & 0xC0) != 0x80)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// An ISO 8601 timestamp with an explicit offset. The offset is demanded because a timestamp without one
    /// means a different instant on every machine that reads it.
    /// </summary>
    public static bool TryGetTimestamp(JsonElement element, ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        return HasExplicitOffset(text) && element.TryGetDateTimeOffset(out value);
    }

    public static bool Utf8EqualsString(ReadOnlySpan<byte> utf8, string text)
    {
        if (System.Text.Ascii.Equals(utf8, text))
        {
            return true;
        }

        // Only text outside ASCII can still be equal; such keys are rare enough to pay for a string here.
        return !(System.Text.Ascii.IsValid(utf8) && System.Text.Ascii.IsValid(text)) &&
            string.Equals(Encoding.UTF8.GetString(utf8), text, StringComparison.Ordinal);
    }

    private static bool HasExplicitOffset(ReadOnlySpan<byte> text)
    {
        if (text.Length < 11 || text.IndexOf((byte)'T') < 0)
        {
            return false;
        }

        if (text[^1] is (byte)'Z' or (byte)'z')
        {
            return true;
        }

        return text[^6] is (byte)'+' or (byte)'-'
            && char.IsAsciiDigit((char)text[^5])
            && char.IsAsciiDigit((char)text[^4])
            && text[^3] == (byte)':'
            && char.IsAsciiDigit((char)text[^2])
            && char.IsAsciiDigit((char)text[^1]);
    }
}
