using System.Text;
using System.Text.Json;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Core.Domain;
using RecoFunctions.Testing;

namespace RecoFunctions.Core.Tests.DeadLetters;

public sealed class DeadLetterCodecTests
{
    private static readonly DateTimeOffset Produced = new(2026, 11, 21, 9, 59, 58, 123, TimeSpan.Zero);

    private static readonly DateTimeOffset DeadLetteredAt = new(2026, 11, 21, 10, 0, 1, TimeSpan.Zero);

    [Fact]
    public void From_Message_CarriesCoordinatesKeyValueHeadersAndReason()
    {
        var record = DeadLetterRecord.From(Original("{\"a\":1}"), new DeadLetterFailure(DeadLetterStage.Validate, "validate: required at $.eventId"), DeadLetteredAt);

        Assert.Equal(new MessageId("oicms.content.v1", 3, 42), record.OriginalId);
        Assert.Equal("art-1", record.Key);
        Assert.Equal(Produced, record.OriginalTimestamp);
        Assert.Equal(DeadLetteredAt, record.DeadLetteredAt);
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(record.Value.Span));
        Assert.Equal(new DeadLetterFailure(DeadLetterStage.Validate, "validate: required at $.eventId"), record.Failure);
        Assert.Equal(["trace"], record.OriginalHeaders.Select(header => header.Key));
    }

    [Fact]
    public void ToHeaders_NamesReasonStageAndOrigin()
    {
        var headers = DeadLetterCodec.ToHeaders(DeadLetterRecord.From(Original("x"), new DeadLetterFailure(DeadLetterStage.Parse, "parse: invalid JSON"), DeadLetteredAt));

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

        var headers = DeadLetterCodec.ToHeaders(DeadLetterRecord.From(replayed, new DeadLetterFailure(DeadLetterStage.Enrich, "new reason"), DeadLetteredAt));

        Assert.Equal(["new reason"], headers.Where(header => header.Key == DeadLetterHeaders.Reason).Select(header => Encoding.UTF8.GetString(header.Value!)));
    }

    [Fact]
    public void TryRead_HeaderForm_RoundTrips()
    {
        var record = DeadLetterRecord.From(Original("{\"a\":1}"), new DeadLetterFailure(DeadLetterStage.Enrich, "content-api 404"), DeadLetteredAt);
        var onDeadLetterTopic = new KafkaMessage("oicms.content.v1.dlq", 0, 7, record.Key, DeadLetterCodec.ToHeaders(record), DeadLetteredAt, record.Value);

        Assert.True(DeadLetterCodec.TryDecode(onDeadLetterTopic, out var read));

        DeadLetterAssert.Same(record, read);
        Assert.False(read.ValueOmitted);
    }

    [Theory]
    [InlineData("{\"title\":\"Überraschung – 日本\"}")]
    [InlineData("not json at all")]
    [InlineData("")]
    public void TryRead_EnvelopeWithTextValue_RoundTrips(string value)
    {
        var record = DeadLetterRecord.From(Original(value), new DeadLetterFailure(DeadLetterStage.Parse, "parse: invalid JSON"), DeadLetteredAt);

        var read = ReadEnvelope(DeadLetterCodec.ToEnvelopeJson(record));

        DeadLetterAssert.Same(record, read);
    }

    [Fact]
    public void TryRead_EnvelopeWithBinaryValue_RoundTripsThroughBase64()
    {
        var record = DeadLetterRecord.From(Original("x") with { Value = new byte[] { 0xff, 0x00, 0xc3 } }, new DeadLetterFailure(DeadLetterStage.Parse, "parse: invalid UTF-8"), DeadLetteredAt);

        var json = DeadLetterCodec.ToEnvelopeJson(record);
        var read = ReadEnvelope(json);

        Assert.Contains("\"valueBase64\":\"/wDD\"", json, StringComparison.Ordinal);
        DeadLetterAssert.Same(record, read);
    }

    [Fact]
    public void ToEnvelopeJson_TextValue_ReadableAndUnescaped()
    {
        var json = DeadLetterCodec.ToEnvelopeJson(DeadLetterRecord.From(Original("{\"title\":\"日本\"}"), new DeadLetterFailure(DeadLetterStage.Parse, "r"), DeadLetteredAt));

        using var document = JsonDocument.Parse(json);
        Assert.Equal(DeadLetterEnvelope.SchemaName, document.RootElement.GetProperty("schema").GetString());
        Assert.Equal("{\"title\":\"日本\"}", document.RootElement.GetProperty("original").GetProperty("value").GetString());
        Assert.Contains("日本", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ToEnvelopeJson_TopLevel_HasNoneOfTheMembersThatMakeTheOutputBindingReadAnEvent()
    {
        var json = DeadLetterCodec.ToEnvelopeJson(DeadLetterRecord.From(Original("x"), new DeadLetterFailure(DeadLetterStage.Parse, "r"), DeadLetteredAt));

        using var document = JsonDocument.Parse(json);
        var names = document.RootElement.EnumerateObject().Select(property => property.Name).ToList();
        Assert.DoesNotContain(names, name => name is "Offset" or "Partition" or "Topic" or "Timestamp" or "Value" or "Headers");
    }

    [Fact]
    public void ToEnvelopeJson_ValueTooLarge_OmittedButCoordinatesAndLengthKept()
    {
        var big = new string('x', 5000);
        var record = DeadLetterRecord.From(Original(big), new DeadLetterFailure(DeadLetterStage.Parse, "parse: too large"), DeadLetteredAt);

        var json = DeadLetterCodec.ToEnvelopeJson(record, maxBytes: 2048);
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

        Assert.False(DeadLetterCodec.TryDecode(message, out var record));
        Assert.Null(record);
    }

    [Fact]
    public void TryRead_HeaderFormWithTheValueLeftOut_SaysSo()
    {
        var record = DeadLetterRecord.From(Original(string.Empty), new DeadLetterFailure(DeadLetterStage.Parse, "parse: payloadTooLarge"), DeadLetteredAt);
        var headers = DeadLetterCodec.ToHeaders(record).Append(new KafkaHeader(DeadLetterHeaders.ValueOmitted, Encoding.UTF8.GetBytes("2097152"))).ToList();
        var onDeadLetterTopic = new KafkaMessage("oicms.content.v1.dlq", 0, 8, record.Key, headers, DeadLetteredAt, ReadOnlyMemory<byte>.Empty);

        Assert.True(DeadLetterCodec.TryDecode(onDeadLetterTopic, out var read));

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

        Assert.True(DeadLetterCodec.TryDecode(message, out var read));

        Assert.Equal(new MessageId("cm.events.v1", 1, 99), read.OriginalId);
        Assert.Equal(DeadLetteredAt, read.OriginalTimestamp);
        Assert.Equal(DeadLetteredAt, read.DeadLetteredAt);
        Assert.Equal("cmp-1", read.Key);
        Assert.Empty(read.OriginalHeaders);
    }

    [Fact]
    public void TryDecode_TypedFailure_RoundTripsInBothForms()
    {
        var failure = new DeadLetterFailure(DeadLetterStage.Workflow, "retry budget exhausted: content-api: 503 ServiceUnavailable")
        {
            Source = "content-api",
            Status = 503,
            IsTransient = true,
        };
        var record = DeadLetterRecord.From(Original("{\"a\":1}"), failure, DeadLetteredAt);
        var headerForm = new KafkaMessage("oicms.content.v1.dlq", 0, 7, record.Key, DeadLetterCodec.ToHeaders(record), DeadLetteredAt, record.Value);

        Assert.True(DeadLetterCodec.TryDecode(headerForm, out var fromHeaders));

        DeadLetterAssert.Same(record, fromHeaders);
        DeadLetterAssert.Same(record, ReadEnvelope(DeadLetterCodec.ToEnvelopeJson(record)));
        Assert.Equal("content-api 503", fromHeaders.Failure.Label);
    }

    [Fact]
    public void ToHeaders_WithoutValue_MarksTheOmittedSize()
    {
        var record = DeadLetterRecord.From(Original(new string('x', 300)), new DeadLetterFailure(DeadLetterStage.Parse, "parse: payloadTooLarge at $") { Source = "payloadTooLarge" }, DeadLetteredAt)
            .WithoutValue();
        var headers = DeadLetterCodec.ToHeaders(record);

        Assert.Equal("300", Text(headers, DeadLetterHeaders.ValueOmitted));
        Assert.True(DeadLetterCodec.TryDecode(new KafkaMessage("oicms.content.v1.dlq", 0, 9, record.Key, headers, DeadLetteredAt, ReadOnlyMemory<byte>.Empty), out var read));
        DeadLetterAssert.Same(record, read);
        DeadLetterAssert.Same(record, ReadEnvelope(DeadLetterCodec.ToEnvelopeJson(record)));
    }

    [Fact]
    public void ToHeaders_VeryLongDetail_IsCut()
    {
        var record = DeadLetterRecord.From(Original("x"), new DeadLetterFailure(DeadLetterStage.Validate, new string('d', 5000)), DeadLetteredAt);

        Assert.Equal(DeadLetterCodec.MaxDetailLength + 1, Text(DeadLetterCodec.ToHeaders(record), DeadLetterHeaders.Reason)!.Length);
    }

    /// <summary>The header form the Functions dead-letter activity wrote before the typed failure: reason and stage as text.</summary>
    [Fact]
    public void TryDecode_EarlierFunctionsHeaderForm_ReadsAsAnUnclassifiedFailure()
    {
        var headers = new List<KafkaHeader>
        {
            new("trace", [7]),
            Utf8(DeadLetterHeaders.Reason, "content-api: 404 NotFound (content 'x' does not exist)"),
            Utf8(DeadLetterHeaders.Stage, "enrich"),
            Utf8(DeadLetterHeaders.OriginalTopic, "oicms.content.v1"),
            Utf8(DeadLetterHeaders.OriginalPartition, "3"),
            Utf8(DeadLetterHeaders.OriginalOffset, "42"),
            Utf8(DeadLetterHeaders.OriginalTimestamp, "2026-11-21T09:59:58.1230000+00:00"),
            Utf8(DeadLetterHeaders.DeadLetteredAt, "2026-11-21T10:00:01.0000000+00:00"),
        };

        Assert.True(DeadLetterCodec.TryDecode(new KafkaMessage("oicms.content.v1.dlq", 0, 3, "art-1", headers, DeadLetteredAt.AddHours(1), Encoding.UTF8.GetBytes("{}")), out var read));

        Assert.Equal(new DeadLetterFailure(DeadLetterStage.Enrich, "content-api: 404 NotFound (content 'x' does not exist)"), read.Failure);
        Assert.Equal(DeadLetterFailure.Unclassified, read.Failure.Label);
        Assert.Equal((new MessageId("oicms.content.v1", 3, 42), Produced, DeadLetteredAt), (read.OriginalId, read.OriginalTimestamp, read.DeadLetteredAt));
        Assert.Equal(["trace"], read.OriginalHeaders.Select(header => header.Key));
    }

    /// <summary>The header form the self-hosted runtime wrote before: no original timestamp, the omitted value's size.</summary>
    [Fact]
    public void TryDecode_EarlierSelfHostedHeaderForm_ReadsWithTheValueOmittedMarker()
    {
        var headers = new List<KafkaHeader>
        {
            Utf8(DeadLetterHeaders.Reason, "retry budget exhausted: recommender-api: 503 ServiceUnavailable"),
            Utf8(DeadLetterHeaders.Stage, "workflow"),
            Utf8(DeadLetterHeaders.OriginalTopic, "cm.events.v1"),
            Utf8(DeadLetterHeaders.OriginalPartition, "1"),
            Utf8(DeadLetterHeaders.OriginalOffset, "99"),
            Utf8(DeadLetterHeaders.DeadLetteredAt, "2026-11-21T10:00:01.0000000+00:00"),
            Utf8(DeadLetterHeaders.ValueOmitted, "2097152"),
        };
        var recordTime = DeadLetteredAt.AddSeconds(5);

        Assert.True(DeadLetterCodec.TryDecode(new KafkaMessage("cm.events.v1.dlq", 0, 5, "cmp-1", headers, recordTime, ReadOnlyMemory<byte>.Empty), out var read));

        Assert.Equal((DeadLetterStage.Workflow, true, (string?)null), (read.Failure.Stage, read.Failure.IsTransient, read.Failure.Source));
        Assert.Equal((true, 2097152L), (read.ValueOmitted, read.OmittedValueBytes));
        Assert.Equal((recordTime, DeadLetteredAt), (read.OriginalTimestamp, read.DeadLetteredAt));
        Assert.Equal(new MessageId("cm.events.v1", 1, 99), read.OriginalId);
    }

    [Fact]
    public void TryDecode_EarlierEnvelope_ReadsAsAnUnclassifiedFailure()
    {
        const string Json = """
            {"schema":"reco.dead-letter.v1","reason":"validate: maxLength at $.content.title","stage":"validate",
             "deadLetteredAt":"2026-11-21T10:00:01+00:00",
             "original":{"topic":"oicms.content.v1","partition":3,"offset":42,"key":"art-1","timestamp":"2026-11-21T09:59:58.123+00:00",
                         "headers":[{"key":"trace","value":"BwgJ"}],"valueLength":2,"value":"{}"}}
            """;

        var read = ReadEnvelope(Json);

        Assert.Equal(new DeadLetterFailure(DeadLetterStage.Validate, "validate: maxLength at $.content.title"), read.Failure);
        Assert.Equal(("art-1", Produced, "{}"), (read.Key, read.OriginalTimestamp, Encoding.UTF8.GetString(read.Value.Span)));
    }

    [Theory]
    [InlineData(DeadLetterStage.Parse, PipelineStage.Parse)]
    [InlineData(DeadLetterStage.Validate, PipelineStage.Validate)]
    [InlineData(DeadLetterStage.Enrich, PipelineStage.Enrich)]
    [InlineData(DeadLetterStage.Deliver, PipelineStage.Deliver)]
    [InlineData(DeadLetterStage.Workflow, PipelineStage.Workflow)]
    public void StageNames_AreThePipelineStages_AndReadBack(DeadLetterStage stage, string name)
    {
        Assert.Equal(name, DeadLetterStages.Name(stage));
        Assert.Equal(stage, DeadLetterStages.FromName(name));
    }

    [Theory]
    [InlineData("maxLength", null, "maxLength")]
    [InlineData("content-api", 404, "content-api 404")]
    [InlineData(null, 500, DeadLetterFailure.Unclassified)]
    [InlineData(null, null, DeadLetterFailure.Unclassified)]
    public void Label_SourceAndStatus_WithoutMessageDetail(string? source, int? status, string expected) =>
        Assert.Equal(expected, new DeadLetterFailure(DeadLetterStage.Enrich, "detail of one message 'x-17'") { Source = source, Status = status }.Label);

    private static KafkaMessage Original(string value) =>
        new("oicms.content.v1", 3, 42, "art-1", [new KafkaHeader("trace", [7, 8, 9])], Produced, Encoding.UTF8.GetBytes(value));

    private static DeadLetterRecord ReadEnvelope(string json)
    {
        var message = new KafkaMessage("oicms.content.v1.dlq", 0, 1, null, [], DeadLetteredAt, Encoding.UTF8.GetBytes(json));
        Assert.True(DeadLetterCodec.TryDecode(message, out var read));
        return read;
    }

    private static KafkaHeader Utf8(string key, string value) => new(key, Encoding.UTF8.GetBytes(value));

    private static string? Text(IReadOnlyList<KafkaHeader> headers, string key) =>
        headers.Where(header => header.Key == key).Select(header => Encoding.UTF8.GetString(header.Value!)).Single();
}
