using System.Text;
using System.Text.Json;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Core.Tests.Support;

namespace RecoFunctions.Core.Tests.DeadLetters;

public sealed class DeadLetterRedactorTests
{
    private const string Topic = "ua.interactions.v1";
    private const string UserId = "u-5521873";
    private static readonly DateTimeOffset At = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private static readonly DeadLetterFailure Failure = new(DeadLetterStage.Validate, "validate: minimum at $.interaction.dwellMs") { Source = "minimum" };
    private static readonly DeadLetterRedactor Redactor = new([Topic], TestPipeline.Pseudonymiser());
    private static readonly string Pseudonym = TestPipeline.Pseudonymiser().Pseudonymise(UserId);

    [Fact]
    public void Redact_InteractionsDeadLetter_PseudonymisesKeyAndUserIdAndKeepsTheRest()
    {
        const string Value = """{"eventId":"e-1","eventType":"interaction.view","occurredAt":"2026-11-21T09:00:00Z","interaction":{"userId":"u-5521873","contentId":"vid-1031","sessionId":"s-1","dwellMs":-1,"device":"Café-TV","abTest":true,"note":null}}""";

        var record = DeadLetterRecord.From(Original(Value, UserId), Failure, At, Redactor);

        Assert.Equal(Pseudonym, record.Key);
        Assert.Equal(DeadLetterRedaction.Pseudonymised, record.Redaction);
        Assert.Equal(Value.Replace(UserId, Pseudonym, StringComparison.Ordinal), Encoding.UTF8.GetString(record.Value.Span));
        Assert.False(record.ValueOmitted);
    }

    [Theory]
    [InlineData("""{"interaction":{"userId":5521873}}""", "5521873")]
    [InlineData("""{"interaction":{"userId":["u-5521873"]}}""", "u-5521873")]
    [InlineData("""{"USERID":"u-5521873","interaction":{}}""", "u-5521873")]
    [InlineData("""{"interaction":{"user_id":"u-5521873"}}""", "u-5521873")]
    [InlineData("""{"interaction":{"uid":5521873}}""", "5521873")]
    [InlineData("""{"interaction":{"userId":{"id":"u-5521873"}}}""", "u-5521873")]
    [InlineData("""{"interaction":"u-5521873"}""", "u-5521873")]
    public void Redact_UserIdOfAnyTypeOrCaseOrUnderAnUnknownName_ReplacedByPseudonymOfItsText(string value, string idText)
    {
        var record = Redactor.Redact(DeadLetterRecord.From(Original(value, "k"), Failure, At));

        var text = Encoding.UTF8.GetString(record.Value.Span);
        Assert.DoesNotContain("5521873", text, StringComparison.Ordinal);
        Assert.Contains(TestPipeline.Pseudonymiser().Pseudonymise(Encoding.UTF8.GetBytes(idText)), text, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(record.Value);
    }

    [Fact]
    public void Redact_KeyInAKnownField_Pseudonymised()
    {
        const string Value = """{"interaction":{"contentId":"u-5521873","sessionId":"u-5521873"}}""";

        var record = Redactor.Redact(DeadLetterRecord.From(Original(Value, UserId), Failure, At));

        Assert.Equal(Value.Replace(UserId, Pseudonym, StringComparison.Ordinal), Encoding.UTF8.GetString(record.Value.Span));
    }

    [Fact]
    public void Redact_DuplicateUserIdProperties_ReplacesEach()
    {
        const string Value = """{"interaction":{"userId":"u-5521873","userId":"u-5521873"}}""";

        var record = Redactor.Redact(DeadLetterRecord.From(Original(Value, UserId), Failure, At));

        Assert.Equal(Value.Replace(UserId, Pseudonym, StringComparison.Ordinal), Encoding.UTF8.GetString(record.Value.Span));
    }

    [Theory]
    [InlineData("""{"interaction":{"userId":"u-5521873" """)]
    [InlineData("u-5521873")]
    [InlineData("\"u-5521873\"")]
    [InlineData("[\"u-5521873\"]")]
    [InlineData("{\"userId\":\"u-5521873\"} trailing")]
    public void Redact_UnreadableValue_WithholdsItAndSaysSo(string value)
    {
        var record = Redactor.Redact(DeadLetterRecord.From(Original(value, UserId), Failure, At));

        Assert.Equal(DeadLetterRedaction.Withheld, record.Redaction);
        Assert.True(record.ValueOmitted);
        Assert.True(record.Value.IsEmpty);
        Assert.Equal(Encoding.UTF8.GetByteCount(value), record.OmittedValueBytes);
        Assert.Equal(Pseudonym, record.Key);
        Assert.Contains(DeadLetterCodec.ToHeaders(record), header => header.Key == DeadLetterHeaders.Redaction && Encoding.UTF8.GetString(header.Value!) == "withheld");
    }

    [Fact]
    public void Redact_InvalidUtf8_Withheld()
    {
        var value = new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}' };

        var record = Redactor.Redact(DeadLetterRecord.From(Original(value, UserId), Failure, At));

        Assert.Equal(DeadLetterRedaction.Withheld, record.Redaction);
        Assert.True(record.Value.IsEmpty);
    }

    [Fact]
    public void Redact_OtherTopic_Unchanged()
    {
        var original = DeadLetterRecord.From(Original("""{"interaction":{"userId":"u-5521873"}}""", UserId) with { Topic = "oicms.content.v1" }, Failure, At);

        Assert.Same(original, Redactor.Redact(original));
    }

    [Fact]
    public void Redact_AlreadyRedacted_Unchanged()
    {
        var once = Redactor.Redact(DeadLetterRecord.From(Original("""{"interaction":{"userId":"u-5521873"}}""", UserId), Failure, At));

        Assert.Same(once, Redactor.Redact(once));
    }

    [Fact]
    public void Redact_NoKey_StaysWithoutKey()
    {
        var record = Redactor.Redact(DeadLetterRecord.From(Original("{}", null), Failure, At));

        Assert.Null(record.Key);
        Assert.Equal(DeadLetterRedaction.Pseudonymised, record.Redaction);
    }

    [Fact]
    public void Codec_RedactedRecord_RoundTripsItsRedactionInBothForms()
    {
        var record = Redactor.Redact(DeadLetterRecord.From(Original("not json", UserId), Failure, At));
        var headerForm = new KafkaMessage(Topic + ".dlq", 0, 3, record.Key, DeadLetterCodec.ToHeaders(record), At, record.Value);
        var envelopeForm = new KafkaMessage(Topic + ".dlq", 0, 4, null, [], At, Encoding.UTF8.GetBytes(DeadLetterCodec.ToEnvelopeJson(record)));

        Assert.True(DeadLetterCodec.TryDecode(headerForm, out var fromHeaders));
        Assert.True(DeadLetterCodec.TryDecode(envelopeForm, out var fromEnvelope));
        Assert.Equal((DeadLetterRedaction.Withheld, true), (fromHeaders.Redaction, fromHeaders.ValueOmitted));
        Assert.Equal((DeadLetterRedaction.Withheld, true), (fromEnvelope.Redaction, fromEnvelope.ValueOmitted));
    }

    [Fact]
    public void Codec_UnredactedRecord_WritesNoRedactionHeader()
    {
        var record = DeadLetterRecord.From(Original("{}", "art-1") with { Topic = "oicms.content.v1" }, Failure, At);

        Assert.DoesNotContain(DeadLetterCodec.ToHeaders(record), header => header.Key == DeadLetterHeaders.Redaction);
        Assert.DoesNotContain("redaction", DeadLetterCodec.ToEnvelopeJson(record), StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_PersonalTopicsWithoutPseudonymiser_Throws() =>
        Assert.Throws<ArgumentException>(() => new DeadLetterRedactor([Topic], null));

    private static KafkaMessage Original(string value, string? key) => Original(Encoding.UTF8.GetBytes(value), key);

    private static KafkaMessage Original(byte[] value, string? key) =>
        new(Topic, 2, 40, key, [new KafkaHeader("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"u8.ToArray())], At.AddSeconds(-1), value);
}
