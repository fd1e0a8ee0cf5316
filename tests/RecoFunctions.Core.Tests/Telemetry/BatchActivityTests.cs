using System.Diagnostics;
using RecoFunctions.Core.Telemetry;
using Xunit;

namespace RecoFunctions.Core.Tests.Telemetry;

public sealed class BatchActivityTests : IDisposable
{
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name == RecoTelemetry.Name,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    public BatchActivityTests() => ActivitySource.AddActivityListener(_listener);

    [Fact]
    public void Start_RecordsOfSeveralTraces_ContinuesTheFirstAndLinksTheOthers()
    {
        var first = Remote();
        var second = Remote();
        var sameAsFirst = new ActivityContext(first.TraceId, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);

        using var batch = BatchActivity.Start("content", "topic", 2, 4, [default, first, second, sameAsFirst]);

        Assert.NotNull(batch);
        Assert.Equal(first.TraceId, batch.TraceId);
        Assert.Equal(first.SpanId, batch.ParentSpanId);
        Assert.Equal([second.TraceId], batch.Links.Select(link => link.Context.TraceId));
        Assert.Equal(2, batch.GetTagItem("messaging.destination.partition.id"));
        Assert.Equal(4, batch.GetTagItem("messaging.batch.message_count"));
    }

    [Fact]
    public void Start_NoRecordCarriesAContext_StartsATrace()
    {
        using var batch = BatchActivity.Start("content", "topic", null, 1, [default]);

        Assert.NotNull(batch);
        Assert.Equal(default, batch.ParentSpanId);
        Assert.Empty(batch.Links);
        Assert.Null(batch.GetTagItem("messaging.destination.partition.id"));
    }

    public void Dispose() => _listener.Dispose();

    private static ActivityContext Remote() => new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
}
