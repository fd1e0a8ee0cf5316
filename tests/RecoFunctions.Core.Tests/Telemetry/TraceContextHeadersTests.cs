using System.Diagnostics;
using System.Text;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Core.Telemetry;
using Xunit;

namespace RecoFunctions.Core.Tests.Telemetry;

public sealed class TraceContextHeadersTests
{
    private const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    [Fact]
    public void Of_TraceparentAndTracestate_RemoteSampledContext()
    {
        var context = TraceContextHeaders.Of([Header("key", "x"), Header("traceparent", TraceParent), Header("tracestate", "a=1")]);

        Assert.Equal("0af7651916cd43dd8448eb211c80319c", context.TraceId.ToHexString());
        Assert.Equal("b7ad6b7169203331", context.SpanId.ToHexString());
        Assert.True(context.IsRemote);
        Assert.Equal(ActivityTraceFlags.Recorded, context.TraceFlags);
        Assert.Equal("a=1", context.TraceState);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a traceparent")]
    [InlineData("00-00000000000000000000000000000000-b7ad6b7169203331-01")]
    public void Parse_MissingOrMalformed_Default(string? value)
    {
        Assert.Equal(default, TraceContextHeaders.Parse(value is null ? null : Encoding.UTF8.GetBytes(value), null));
    }

    [Fact]
    public void Format_ParsedContext_GivesTheHeaderBack()
    {
        Assert.Equal(TraceParent, TraceContextHeaders.Format(TraceContextHeaders.Parse(Encoding.UTF8.GetBytes(TraceParent), null)));
    }

    [Fact]
    public void ForDeadLetter_CurrentSpanInTheRecordsTrace_TheCurrentSpan()
    {
        var original = TraceContextHeaders.Parse(Encoding.UTF8.GetBytes(TraceParent), null);
        using var current = new Activity("batch").SetParentId(original.TraceId, original.SpanId, original.TraceFlags).Start();

        Assert.Equal(current.Context, TraceContextHeaders.ForDeadLetter(original, current));
    }

    [Fact]
    public void ForDeadLetter_CurrentSpanInAnotherTrace_TheRecordsOwnContext()
    {
        var original = TraceContextHeaders.Parse(Encoding.UTF8.GetBytes(TraceParent), null);
        using var current = new Activity("batch").SetIdFormat(ActivityIdFormat.W3C).Start();

        Assert.Equal(original, TraceContextHeaders.ForDeadLetter(original, current));
    }

    [Fact]
    public void ForDeadLetter_RecordWithoutContext_TheCurrentSpan()
    {
        using var current = new Activity("batch").SetIdFormat(ActivityIdFormat.W3C).Start();

        Assert.Equal(current.Context, TraceContextHeaders.ForDeadLetter(default, current));
        Assert.Equal(default, TraceContextHeaders.ForDeadLetter(default, null));
    }

    private static KafkaHeader Header(string key, string value) => new(key, Encoding.UTF8.GetBytes(value));
}
