using System.Text.Json;
using System.Text.Json.Serialization;

namespace RecoFunctions.Sandbox.Wire;

/// <summary>Reads a list of strings the sandbox does not keep: an array of strings or nulls, checked as <see cref="CheckedStringConverter"/> checks one, read as null.</summary>
internal sealed class CheckedStringListConverter : JsonConverter<IReadOnlyList<string>?>
{
    public override IReadOnlyList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException();
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Null)
            {
                CheckedStringConverter.Check(ref reader);
            }
        }

        return null;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string>? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartArray();
        foreach (var item in value)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }
}
