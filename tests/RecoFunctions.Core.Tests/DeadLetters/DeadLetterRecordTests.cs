using System.Text;
using System.Text.Json;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Messaging;

namespace RecoFunctions.Core.Tests.DeadLetters;

public sealed class DeadLetterRecordTests
{
    private static readonly DateTimeOffset Produced = new(2026, 11, 21, 9, 59, 58, 123, TimeSpan.Zero);

    private static readonly DateTimeOffset DeadLetteredAt = new(2026, 11, 21, 10, 0, 1, TimeSpan.Zero);

    [Fact]
    public void From_Message_CarriesCoordinatesKeyValueHeadersAndReason()
    {
        var record = DeadLetterRecord.From(Original("{\"a\":1}"), PipelineStage.Validate, "validate: required at $.eventId", DeadLetteredAt);

        Assert.Equal(new MessageId("oicms.content.v1", 3, 42), record.OriginalId);
        Assert.Equal("art-1", record.Key);
        Assert.Equal(Produced, record.OriginalTimestamp);
        Assert.Equal(DeadLetteredAt, record.DeadLetteredAt);
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(record.Value.Span));
        Assert.Equal(PipelineStage.Validate, record.Stage);
        Assert.Equal("validate: required at $.eventId", record.Reason);
        Assert.Equal(["trace"], record.OriginalHeaders.Select(header => header.Key));
    }

    [Fact]
    public void ToHeaders_NamesReasonStageAndOrigin()
    {
        var headers = DeadLetterRecord.From(Original("x"), PipelineStage.Parse, "parse: invalid JSON", DeadLetteredAt).ToHeaders();

        Assert.Equal("trace", headers[0].Key);
        Assert.Equal("parse: invalid JSON", Text(headers, DeadLetterHeaders.Reason));
        Assert.Equal("parse", Text(headers, DeadLetterHeaders.Stage));
        Assert.Equal("oicms.content.v1", Text(headers, DeadLetterHeaders.OriginalTopic));
        Assert.Equal("3", Text(headers, DeadLetterHeaders.OriginalPartition));
        Assert.Equal("42", Text(headers, DeadLetterHeaders.OriginalOffset));
        Assert.Equal("2026-11-21T10:00:01.0000000+00:00", Text(headers, DeadLetterHeaders.DeadLetteredAt));
        Assert.Equal("2026-11-21T09:59:58.1230000+00:00", Text(headers, DeadLetterHeaders.OriginalTimestamp));
    }

    [Fact]
    public void ToHeaders_RecordDeadLetteredBefore_PreviousDeadLetterHeadersReplaced()
    {
        var replayed = Original("x") with
        {
            Headers = [new KafkaHeader("trace", [1]), new KafkaHeader(DeadLetterHeaders.Reason, Encoding.UTF8.GetBytes("old reason"))],
        };

        var headers = DeadLetterRecord.From(replayed, PipelineStage.Enrich, "new reason", DeadLetteredAt).ToHeaders();

        Assert.Equal(["new reason"], headers.Where(header => header.Key == DeadLetterHeaders.Reason).Select(header => Encoding.UTF8.GetString(header.Value!)));
    }

    [Fact]
    public void TryRead_HeaderForm_RoundTrips()
    {
        var record = DeadLetterRecord.From(Original("{\"a\":1}"), PipelineStage.Enrich, "content-api 404", DeadLetteredAt);
        var onDeadLetterTopic = new KafkaMessage("oicms.content.v1.dlq", 0, 7, record.Key, record.ToHeaders(), DeadLetteredAt, record.Value);

        Assert.True(DeadLetterRecord.TryRead(onDeadLetterTopic, out var read));

        AssertSame(record, read);
        Assert.False(read.ValueOmitted);
    }

    [Theory]
    [InlineData("{\"title\":\"Überraschung – 日本\"}")]
    [InlineData("not json at all")]
    [InlineData("")]
    public void TryRead_EnvelopeWithTextValue_RoundTrips(string value)
    {
        var record = DeadLetterRecord.From(Original(value), PipelineStage.Parse, "parse: invalid JSON", DeadLetteredAt);

        var read = ReadEnvelope(record.ToEnvelopeJson());

        AssertSame(record, read);
    }

    [Fact]
    public void TryRead_EnvelopeWithBinaryValue_RoundTripsThroughBase64()
    {
        var record = DeadLetterRecord.From(Original("x") with { Value = new byte[] { 0xff, 0x00, 0xc3 } }, PipelineStage.Parse, "parse: invalid UTF-8", DeadLetteredAt);

        var json = record.ToEnvelopeJson();
        var read = ReadEnvelope(json);

        Assert.Contains("\"valueBase64\":\"/wDD\"", json, StringComparison.Ordinal);
        AssertSame(record, read);
    }

    [Fact]
    public void ToEnvelopeJson_TextValue_ReadableAndUnescaped()
    {
        var json = DeadLetterRecord.From(Original("{\"title\":\"日本\"}"), PipelineStage.Parse, "r", DeadLetteredAt).ToEnvelopeJson();

        using var document = JsonDocument.Parse(json);
        Assert.Equal(DeadLetterEnvelope.SchemaName, document.RootElement.GetProperty("schema").GetString());
        Assert.Equal("{\"title\":\"日本\"}", document.RootElement.GetProperty("original").GetProperty("value").GetString());
        Assert.Contains("日本", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ToEnvelopeJson_TopLevel_HasNoneOfTheMembersThatMakeTheOutputBindingReadAnEvent()
    {
        var json = DeadLetterRecord.From(Original("x"), PipelineStage.Parse, "r", DeadLetteredAt).ToEnvelopeJson();

        using var document = JsonDocument.Parse(json);
        var names = document.RootElement.EnumerateObject().Select(property => property.Name).ToList();
        Assert.DoesNotContain(names, name => name is "Offset" or "Partition" or "Topic" or "Timestamp" or "Value" or "Headers");
    }

    [Fact]
    public void ToEnvelopeJson_ValueTooLarge_OmittedButCoordinatesAndLengthKept()
    {
        var big = new string('x', 5000);
        var record = DeadLetterRecord.From(Original(big), PipelineStage.Parse, "parse: too large", DeadLetteredAt);

        var json = record.ToEnvelopeJson(maxBytes: 2048);
        var read = ReadEnvelope(json);

        Assert.True(Encoding.UTF8.GetByteCount(json) <= 2048);
        Assert.True(read.ValueOmitted);
        Assert.Equal(0, read.Value.Length);
        Assert.Equal(record.OriginalId, read.OriginalId);
        Assert.Equal(record.Key, read.Key);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(5000, document.RootElement.GetProperty("original").GetProperty("valueLength").GetInt32());
    }

    [Theory]
    [InlineData("{\"a\":1}")]
    [InlineData("{\"schema\":\"something.else\",\"original\":{\"topic\":\"t\"}}")]
    [InlineData("{\"schema\":\"reco.dead-letter.v1\"}")]
    [InlineData("[1,2]")]
    [InlineData("\u0001\u0002")]
    public void TryRead_NeitherForm_False(string value)
    {
        var message = new KafkaMessage("x.dlq", 0, 0, null, [], DeadLetteredAt, Encoding.UTF8.GetBytes(value));

        Assert.False(DeadLetterRecord.TryRead(message, out var record));
        Assert.Null(record);
    }

    [Fact]
    public void TryRead_HeaderFormWithTheValueLeftOut_SaysSo()
    {
        var record = DeadLetterRecord.From(Original(string.Empty), PipelineStage.Parse, "parse: payloadTooLarge", DeadLetteredAt);
        var headers = record.ToHeaders().Append(new KafkaHeader(DeadLetterHeaders.ValueOmitted, Encoding.UTF8.GetBytes("2097152"))).ToList();
        var onDeadLetterTopic = new KafkaMessage("oicms.content.v1.dlq", 0, 8, record.Key, headers, DeadLetteredAt, ReadOnlyMemory<byte>.Empty);

        Assert.True(DeadLetterRecord.TryRead(onDeadLetterTopic, out var read));

        Assert.True(read.ValueOmitted);
        Assert.Equal(new MessageId("oicms.content.v1", 3, 42), read.OriginalId);
    }

    [Fact]
    public void TryRead_HeaderFormWithoutOptionalTimes_FallsBackToTheRecordTimestamp()
    {
        var headers = new List<KafkaHeader>
        {
            new(DeadLetterHeaders.Reason, Encoding.UTF8.GetBytes("validate: x")),
            new(DeadLetterHeaders.Stage, Encoding.UTF8.GetBytes("validate")),
            new(DeadLetterHeaders.OriginalTopic, Encoding.UTF8.GetBytes("cm.events.v1")),
            new(DeadLetterHeaders.OriginalPartition, Encoding.UTF8.GetBytes("1")),
            new(DeadLetterHeaders.OriginalOffset, Encoding.UTF8.GetBytes("99")),
        };
        var message = new KafkaMessage("cm.events.v1.dlq", 0, 5, "cmp-1", headers, DeadLetteredAt, Encoding.UTF8.GetBytes("{}"));

        Assert.True(DeadLetterRecord.TryRead(message, out var read));

        Assert.Equal(new MessageId("cm.events.v1", 1, 99), read.OriginalId);
        Assert.Equal(DeadLetteredAt, read.OriginalTimestamp);
        Assert.Equal(DeadLetteredAt, read.DeadLetteredAt);
        Assert.Equal("cmp-1", read.Key);
        Assert.Empty(read.OriginalHeaders);
    }

    private static KafkaMessage Original(string value) =>
        new("oicms.content.v1", 3, 42, "art-1", [new KafkaHeader("trace", [7, 8, 9])], Produced, Encoding.UTF8.GetBytes(value));

    private static DeadLetterRecord ReadEnvelope(string json)
    {
        var message = new KafkaMessage("oicms.content.v1.dlq", 0, 1, null, [], DeadLetteredAt, Encoding.UTF8.GetBytes(json));
        Assert.True(DeadLetterRecord.TryRead(message, out var read));
        return read;
    }

    private static string? Text(IReadOnlyList<KafkaHeader> headers, string key) =>
        headers.Where(header => header.Key == key).Select(header => Encoding.UTF8.GetString(header.Value!)).Single();

    private static void AssertSame(DeadLetterRecord expected, DeadLetterRecord actual)
    {
        Assert.Equal(expected.Reason, actual.Reason);
        Assert.Equal(expected.Stage, actual.Stage);
        Assert.Equal(expected.OriginalId, actual.OriginalId);
        Assert.Equal(expected.Key, actual.Key);
        Assert.Equal(expected.OriginalTimestamp, actual.OriginalTimestamp);
        Assert.Equal(expected.DeadLetteredAt, actual.DeadLetteredAt);
        Assert.Equal(expected.Value.ToArray(), actual.Value.ToArray());
        Assert.Equal(
            expected.OriginalHeaders.Select(header => (header.Key, Convert.ToBase64String(header.Value ?? []))),
            actual.OriginalHeaders.Select(header => (header.Key, Convert.ToBase64String(header.Value ?? []))));
    }
}
