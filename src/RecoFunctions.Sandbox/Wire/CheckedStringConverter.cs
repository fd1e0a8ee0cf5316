using System.Text.Json;
using System.Text.Json.Serialization;

namespace RecoFunctions.Sandbox.Wire;

/// <summary>
/// Reads a string member the sandbox does not keep: takes exactly what the string converter takes (a string that
/// decodes, or null) but reads it as null, without allocating it.
/// </summary>
internal sealed class CheckedStringConverter : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Check(ref reader);
        return null;
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <exception cref="InvalidOperationException">Not a string, or one that does not decode (as from <see cref="Utf8JsonReader.GetString"/>).</exception>
    public static void Check(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence || !System.Text.Unicode.Utf8.IsValid(reader.ValueSpan))
        {
            // Rare: escaped text, or not a string at all; decoding it checks it (and throws) as the string converter does.
            _ = reader.GetString();
        }
    }
}
