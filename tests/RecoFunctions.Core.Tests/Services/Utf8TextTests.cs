using System.Buffers;
using System.Text;
using System.Text.Json;
using RecoFunctions.Core.Enrichment;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Core.Tests.Services;

public sealed class Utf8TextTests
{
    [Fact]
    public void Deserialize_EscapedString_KeepsTheUnescapedText()
    {
        var document = JsonSerializer.Deserialize("""{"contentId":"a","body":"Caf\u00e9 \"quoted\"\nline \ud83c\udf89"}"""u8, EnrichmentJsonContext.Default.ContentDocument)!;

        Assert.Equal("Café \"quoted\"\nline 🎉", document.Body!.ToString());
        Assert.Equal(Encoding.UTF8.GetBytes("Café \"quoted\"\nline 🎉"), document.Body.Utf8.ToArray());
    }

    [Fact]
    public void Serialize_ReadText_WritesTheSameJsonAsTheString()
    {
        const string Text = "Café \"quoted\" <b>\n🎉 & more";
        var asText = JsonSerializer.Serialize(new ContentDocument { ContentId = "a", Body = Utf8Text.From(Text) }, EnrichmentJsonContext.Default.ContentDocument);
        var read = JsonSerializer.Deserialize(asText, EnrichmentJsonContext.Default.ContentDocument)!;

        Assert.Equal(Text, read.Body!.ToString());
        Assert.Equal(JsonSerializer.Serialize(Text), JsonDocument.Parse(asText).RootElement.GetProperty("body").GetRawText());
    }

    [Theory]
    [InlineData("""{"contentId":"a","body":42}""")]
    [InlineData("""{"contentId":"a","body":{"text":"x"}}""")]
    [InlineData("""{"contentId":"a","body":"lone \ud800 surrogate"}""")]
    public void Deserialize_NotAStringOrNotText_ThrowsJsonException(string json) =>
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, EnrichmentJsonContext.Default.ContentDocument));

    [Fact]
    public void Read_StringSplitAcrossSegments_JoinsAndUnescapesIt()
    {
        var json = Encoding.UTF8.GetBytes("\"first half \\u00e9 second half\"");
        var sequence = Segment.Split(json, at: 9);
        var reader = new Utf8JsonReader(sequence);
        Assert.True(reader.Read());
        Assert.True(reader.HasValueSequence);

        var text = new Utf8TextJsonConverter().Read(ref reader, typeof(Utf8Text), JsonSerializerOptions.Default);

        Assert.Equal("first half é second half", text.ToString());
    }

    [Fact]
    public void Equals_SameTextOrNot_ComparesTheBytes()
    {
        Assert.Equal(Utf8Text.From("body"), Utf8Text.From("body"));
        Assert.Equal(Utf8Text.From("body").GetHashCode(), Utf8Text.From("body").GetHashCode());
        Assert.NotEqual(Utf8Text.From("body"), Utf8Text.From("Body"));
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        private Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public static ReadOnlySequence<byte> Split(byte[] bytes, int at)
        {
            var first = new Segment(bytes.AsMemory(0, at), 0);
            var second = new Segment(bytes.AsMemory(at), at);
            first.Next = second;
            return new ReadOnlySequence<byte>(first, 0, second, second.Memory.Length);
        }
    }
}
