using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using RecoFunctions.Core.Delivery;

namespace RecoFunctions.Sandbox.Wire;

/// <summary>
/// Reads an operation's kind or action as the string converter does, but answers the known words with the shared
/// constants: no allocation per operation, and the recorder's history keeps no copies of them.
/// </summary>
internal sealed class DeliveryWordConverter : JsonConverter<string?>
{
    private static readonly (byte[] Utf8, string Word)[] Known =
        [.. new[] { DeliveryKinds.Item, DeliveryKinds.Campaign, DeliveryActions.Upsert, DeliveryActions.Delete, DeliveryActions.Retire }.Select(word => (Encoding.UTF8.GetBytes(word), word))];

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            foreach (var (utf8, word) in Known)
            {
                if (reader.ValueSpan.SequenceEqual(utf8))
                {
                    return word;
                }
            }
        }

        return reader.GetString();
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
