using System.Text;
using RecoFunctions.Core.Parsing;

namespace RecoFunctions.Core.Tests.Parsing;

public sealed class JsonPayloadParserTests
{
    private readonly JsonPayloadParser _parser = new(maxPayloadBytes: 64, maxDepth: 4);

    [Fact]
    public void Parse_DefaultValue_ReportsEmptyAsTombstone()
    {
        var outcome = _parser.Parse(default);

        Assert.Equal(("$", "empty"), (outcome.Violation!.Path, outcome.Violation.Rule));
        Assert.Contains("tombstone", outcome.Violation.Message, StringComparison.Ordinal);
        Assert.Null(outcome.Document);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("\r\n\t ")]
    [InlineData("\uFEFF")]
    [InlineData("\uFEFF  \n")]
    public void Parse_OnlyWhitespaceOrByteOrderMark_ReportsEmpty(string value)
    {
        var outcome = _parser.Parse(Encoding.UTF8.GetBytes(value));

        Assert.Equal("empty", outcome.Violation!.Rule);
    }

    [Fact]
    public void Parse_ValueAtTheSizeLimit_IsParsed()
    {
        var value = Encoding.UTF8.GetBytes("{\"a\":\"" + new string('x', 64 - 8) + "\"}");
        Assert.Equal(64, value.Length);

        var outcome = _parser.Parse(value);

        Assert.Null(outcome.Violation);
        outcome.Document!.Dispose();
    }

    [Fact]
    public void Parse_ValueOneByteOverTheLimit_ReportsPayloadTooLargeWithSizes()
    {
        var outcome = _parser.Parse(new byte[65]);

        Assert.Equal(("$", "payloadTooLarge"), (outcome.Violation!.Path, outcome.Violation.Rule));
        Assert.Equal("the value is 65 bytes; the limit is 64 bytes", outcome.Violation.Message);
    }

    [Fact]
    public void Parse_ByteOrderMark_IsSkippedBeforeParsing()
    {
        var outcome = _parser.Parse(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'1', (byte)'}' });

        Assert.Null(outcome.Violation);
        using var document = outcome.Document!;
        Assert.Equal(1, document.RootElement.GetProperty("a").GetInt32());
    }

    [Theory]
    [InlineData(new byte[] { (byte)'{', 0xC3, 0x28, (byte)'}' })]
    [InlineData(new byte[] { (byte)'"', 0xED, 0xA0, 0x80, (byte)'"' })]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0xFF })]
    public void Parse_InvalidUtf8_ReportsEncoding(byte[] value)
    {
        Assert.Equal("encoding", _parser.Parse(value).Violation!.Rule);
    }

    [Theory]
    [InlineData("[[[[[1]]]]]", "depth")]
    [InlineData("{\"a\":[[[[1]]]]}", "depth")]
    [InlineData("[[[[1]]]]", "notObject")]
    [InlineData("{\"a\":[[{}]]}", null)]
    [InlineData("{\"a\":[[1]]", "json")]
    [InlineData("{\"a\" 1}", "json")]
    [InlineData("{\"a\":1}{", "json")]
    [InlineData("{\"a\":1,\"a\":2}", "json")]
    [InlineData("{\"a\":1 /* note */}", "json")]
    [InlineData("{\"a\":[1,]}", "json")]
    [InlineData("{\"a\":NaN}", "json")]
    [InlineData("{\"a\":\"x\",\"b\":[[[[", "depth")]
    [InlineData("{\"a\":\"x\" \"b\":[[[[", "json")]
    public void Parse_MalformedOrDeepJson_ClassifiesDepthApartFromSyntax(string json, string? expectedRule)
    {
        var outcome = _parser.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(expectedRule, outcome.Violation?.Rule);
        outcome.Document?.Dispose();
    }

    [Theory]
    [InlineData("{\"a\":\"\\ud800\"}", "encoding")]
    [InlineData("{\"a\\udc00\":1}", "encoding")]
    [InlineData("{\"a\":\"\\ud83c\\udfc6 \\u0041\"}", null)]
    [InlineData("{\"a\":\"\\\\ud800\"}", null)]
    [InlineData("{\"a\":\"\\ud800\"", "encoding")]
    public void Parse_EscapedSurrogates_AcceptedOnlyWhenTheyFormCharacters(string json, string? expectedRule)
    {
        var outcome = _parser.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(expectedRule, outcome.Violation?.Rule);
        outcome.Document?.Dispose();
    }

    [Theory]
    [InlineData("[]", "an array")]
    [InlineData("\"text\"", "a string")]
    [InlineData("12", "a number")]
    [InlineData("true", "a boolean")]
    [InlineData("null", "null")]
    public void Parse_RootNotAnObject_ReportsNotObjectNamingTheKind(string json, string kind)
    {
        var outcome = _parser.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal("notObject", outcome.Violation!.Rule);
        Assert.EndsWith(kind, outcome.Violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValidObject_ReturnsItsDocument()
    {
        var value = Encoding.UTF8.GetBytes("{\"a\":[1,2]}");

        var outcome = _parser.Parse(value);

        using var document = outcome.Document!;
        Assert.Equal(2, document.RootElement.GetProperty("a").GetArrayLength());
    }
}
