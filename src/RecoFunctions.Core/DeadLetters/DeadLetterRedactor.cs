using System.Buffers;
using System.Collections.Frozen;
using System.Text.Encodings.Web;
using System.Text.Json;
using RecoFunctions.Core.Contracts;
using RecoFunctions.Core.Privacy;

namespace RecoFunctions.Core.DeadLetters;

/// <summary>
/// Keeps user ids off dead-letter topics. A dead letter from a topic that carries them (the interactions flow's, keyed
/// by user id) gets the pseudonym of its key; in its value, <c>userId</c> and every field the contract does not know (a
/// misspelt <c>user_id</c> may hold the id) get the pseudonyms of their values, as does any value equal to the key,
/// while the contract's other fields stay as they were, so the reason can still be seen. A value that is not a readable
/// JSON object cannot be redacted: it is withheld. Dead letters of other topics pass unchanged.
/// Both runtimes build their dead letters through <see cref="DeadLetterRecord.From(Messaging.KafkaMessage, DeadLetterFailure, DateTimeOffset, DeadLetterRedactor)"/>.
/// </summary>
public sealed class DeadLetterRedactor
{
    /// <summary>The property whose values are user ids.</summary>
    public const string UserIdProperty = "userId";

    private const int MaxDepth = 64;

    /// <summary>The interactions contract's scalar fields whose values identify no user: all but <see cref="UserIdProperty"/>.</summary>
    private static readonly FrozenSet<string> KeptFields = ContractsJsonContext.Default.InteractionEventV1.Properties
        .Concat(ContractsJsonContext.Default.InteractionV1.Properties)
        .Where(property => property.PropertyType != typeof(InteractionV1))
        .Select(property => property.Name)
        .Where(name => name != UserIdProperty)
        .ToFrozenSet(StringComparer.Ordinal);

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

        var redacted = TryRedactValue(record.Value.Span, record.Key, pseudonymiser);
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

    /// <summary>A copy of the JSON object with every value that may identify a user pseudonymised, or null when the value is not a readable JSON object.</summary>
    private static byte[]? TryRedactValue(ReadOnlySpan<byte> value, string? key, UserPseudonymiser pseudonymiser)
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
                new ValueCopy(writer, key, pseudonymiser).Run(ref reader);
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException)
        {
            // Not JSON, not UTF-8, too deep: nothing can be told apart in it, so none of it may leave.
            return null;
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Copies JSON token by token. A scalar keeps its value only under a field name of the contract that is not the user
    /// id (and only when it is not the user id by value, the message key); any other string or number becomes the
    /// pseudonym of its text. Misspelt or unknown fields (<c>user_id</c>, <c>uid</c>) may hold the id: they are
    /// pseudonymised, not forwarded. Booleans and nulls identify no one and stay.
    /// </summary>
    private sealed class ValueCopy(Utf8JsonWriter writer, string? key, UserPseudonymiser pseudonymiser)
    {
        private readonly Stack<(bool IsArray, string? Name)> _containers = new();
        private string? _name;

        public void Run(ref Utf8JsonReader reader)
        {
            do
            {
                Copy(ref reader);
            }
            while (reader.Read());
        }

        private void Copy(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    _name = reader.GetString()!;
                    writer.WritePropertyName(_name);
                    return;
                case JsonTokenType.StartObject:
                    _containers.Push((false, ValueName()));
                    writer.WriteStartObject();
                    break;
                case JsonTokenType.StartArray:
                    _containers.Push((true, ValueName()));
                    writer.WriteStartArray();
                    break;
                case JsonTokenType.EndObject:
                    _containers.Pop();
                    writer.WriteEndObject();
                    break;
                case JsonTokenType.EndArray:
                    _containers.Pop();
                    writer.WriteEndArray();
                    break;
                case JsonTokenType.String:
                    var text = reader.GetString()!;
                    writer.WriteStringValue(Keeps(ValueName()) && !string.Equals(text, key, StringComparison.Ordinal) ? text : pseudonymiser.Pseudonymise(text));
                    break;
                case JsonTokenType.Number when Keeps(ValueName()):
                    writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                    break;
                case JsonTokenType.Number:
                    writer.WriteStringValue(pseudonymiser.Pseudonymise(reader.ValueSpan));
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

            _name = null;
        }

        /// <summary>The field a value belongs to: its property, or for an array element the array's property.</summary>
        private string? ValueName() => _name ?? (_containers.TryPeek(out var container) && container.IsArray ? container.Name : null);

        private static bool Keeps(string? name) => name is not null && KeptFields.Contains(name);
    }
}
