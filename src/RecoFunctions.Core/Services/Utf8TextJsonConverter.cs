using System.Text.Json;
using System.Text.Json.Serialization;

namespace RecoFunctions.Core.Services;

/// <summary>Reads a JSON string into <see cref="Utf8Text"/> (unescaped, UTF-8 checked) and writes it back as a JSON string.</summary>
internal sealed class Utf8TextJsonConverter : JsonConverter<Utf8Text>
{
    public override Utf8Text Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string, not {reader.TokenType}.");
        }

        // Unescaped text is never longer than its escaped form.
        var utf8 = new byte[reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length];
        int length;
        try
        {
            length = reader.CopyString(utf8);
        }
        catch (InvalidOperationException exception)
        {
            throw new JsonException("The string is not valid UTF-8 or escapes an unpaired surrogate.", exception);
        }

        if (length < utf8.Length)
        {
            Array.Resize(ref utf8, length);
        }

        return new Utf8Text(utf8);
    }

    public override void Write(Utf8JsonWriter writer, Utf8Text value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Utf8);
}
