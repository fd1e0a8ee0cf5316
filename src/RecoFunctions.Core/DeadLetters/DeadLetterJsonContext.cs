using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RecoFunctions.Core.DeadLetters;

/// <summary>Source-generated serialisation of the dead-letter envelope; use <see cref="Envelope"/>.</summary>
[JsonSerializable(typeof(DeadLetterEnvelope))]
internal sealed partial class DeadLetterJsonContext : JsonSerializerContext
{
    /// <summary>
    /// camelCase, nulls left out, members matched case-insensitively on read, and non-ASCII text kept as UTF-8: the
    /// envelope goes to Kafka, not into HTML, and escaping would triple the size of non-Latin text.
    /// </summary>
    public static DeadLetterJsonContext Envelope { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNameCaseInsensitive = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
