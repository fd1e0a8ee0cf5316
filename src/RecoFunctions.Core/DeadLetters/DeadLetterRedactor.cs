using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using RecoFunctions.Core.Privacy;

namespace RecoFunctions.Core.DeadLetters;

/// <summary>
/// Keeps user ids off dead-letter topics. A dead letter from a topic that carries them (the interactions flow's, keyed
/// by user id) gets the pseudonym of its key, and every <c>userId</c> property of its value (any depth, any case) is
/// replaced by the pseudonym of its value; the rest of the value stays as it was, so the reason can still be seen. A value
/// that is not a readable JSON object cannot be redacted: it is withheld. Dead letters of other topics pass unchanged.
/// Both runtimes build their dead letters through <see cref="DeadLetterRecord.From(Messaging.KafkaMessage, DeadLetterFailure, DateTimeOffset, DeadLetterRedactor)"/>.
/// </summary>
public sealed class DeadLetterRedactor
{
    /// <summary>The property whose values are user ids.</summary>
    public const string UserIdProperty = "userId";

    private const int MaxDepth = 64;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // The value goes back to Kafka, not into HTML: keep non-ASCII text as it was.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = MaxDepth,
    };

    private readonly HashSet<string> _topics;
    private readonly UserPseudonymiser? _pseudonymiser;

    /// <summary>Redacts dead letters of <paramref name="personalTopics"/>, the topics whose records carry user ids; <paramref name="pseudonymiser"/> is required when there is any.</summary>
    public DeadLetterRedactor(IEnumerable<string> personalTopics, UserPseudonymiser? pseudonymiser)
    {
        ArgumentNullException.ThrowIfNull(personalTopics);
        _topics = new HashSet<string>(personalTopics, StringComparer.Ordinal);
        if (_topics.Count > 0 && pseudonymiser is null)
        {
            throw new ArgumentException("Topics that carry user ids need a pseudonymiser.", nameof(pseudonymiser));
        }

        _pseudonymiser = pseudonymiser;
    }

    /// <summary>Redacts nothing: for hosts and tools whose flows carry no user ids.</summary>
    public static DeadLetterRedactor None { get; } = new([], null);

    /// <summary>Whether dead letters of <paramref name="topic"/> are redacted.</summary>
    public bool Redacts(string topic) => _topics.Contains(topic);

    /// <summary>The dead letter as it may leave the process.</summary>
    public DeadLetterRecord Redact(DeadLetterRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Redaction != DeadLetterRedaction.None || !_topics.Contains(record.OriginalTopic))
        {
            return record;
        }

        var pseudonymiser = _pseudonymiser!;
        var key = record.Key is null ? null : pseudonymiser.Pseudonymise(record.Key);
        if (record.ValueOmitted || record.Value.IsEmpty)
        {
            return record with { Key = key, Redaction = DeadLetterRedaction.Pseudonymised };
        }

        var redacted = TryRedactValue(record.Value.Span, pseudonymiser);
        return redacted is not null
            ? record with { Key = key, Value = redacted, Redaction = DeadLetterRedaction.Pseudonymised }
            : record with
            {
                Key = key,
                Value = ReadOnlyMemory<byte>.Empty,
                ValueOmitted = true,
                OmittedValueBytes = record.Value.Length,
                Redaction = DeadLetterRedaction.Withheld,
            };
    }

    /// <summary>A copy of the JSON object with every user id pseudonymised, or null when the value is not a readable JSON object.</summary>
    private static byte[]? TryRedactValue(ReadOnlySpan<byte> value, UserPseudonymiser pseudonymiser)
    {
        var buffer = new ArrayBufferWriter<byte>(value.Length + 64);
        try
        {
            var reader = new Utf8JsonReader(value, new JsonReaderOptions { MaxDepth = MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                do
                {
                    Copy(ref reader, writer, value, pseudonymiser);
                }
                while (reader.Read());
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException)
        {
            // Not JSON, not UTF-8, too deep: nothing can be told apart in it, so none of it may leave.
            return null;
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Copy(ref Utf8JsonReader reader, Utf8JsonWriter writer, ReadOnlySpan<byte> value, UserPseudonymiser pseudonymiser)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                writer.WriteStartObject();
                break;
            case JsonTokenType.EndObject:
                writer.WriteEndObject();
                break;
            case JsonTokenType.StartArray:
                writer.WriteStartArray();
                break;
            case JsonTokenType.EndArray:
                writer.WriteEndArray();
                break;
            case JsonTokenType.PropertyName:
                var name = reader.GetString()!;
                writer.WritePropertyName(name);
                if (string.Equals(name, UserIdProperty, StringComparison.OrdinalIgnoreCase))
                {
                    reader.Read();
                    WritePseudonym(ref reader, writer, value, pseudonymiser);
                }

                break;
            case JsonTokenType.String:
                writer.WriteStringValue(reader.GetString());
                break;
            case JsonTokenType.Number:
                writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                break;
            case JsonTokenType.True or JsonTokenType.False:
                writer.WriteBooleanValue(reader.GetBoolean());
                break;
            case JsonTokenType.Null:
                writer.WriteNullValue();
                break;
            default:
                throw new JsonException($"Unexpected token {reader.TokenType}.");
        }
    }

    /// <summary>A string user id becomes the pseudonym intake would give it; any other non-null value, the pseudonym of its JSON text.</summary>
    private static void WritePseudonym(ref Utf8JsonReader reader, Utf8JsonWriter writer, ReadOnlySpan<byte> value, UserPseudonymiser pseudonymiser)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                writer.WriteNullValue();
                break;
            case JsonTokenType.String:
                writer.WriteStringValue(pseudonymiser.Pseudonymise(reader.GetString()!));
                break;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                writer.WriteStringValue(pseudonymiser.Pseudonymise(value[start..(int)reader.BytesConsumed]));
                break;
            default:
                writer.WriteStringValue(pseudonymiser.Pseudonymise(reader.ValueSpan));
                break;
        }
    }
}
