using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using RecoFunctions.Core.Telemetry;
using RecoFunctions.Local.Telemetry;
using RecoFunctions.Local.Tests.Runtime;
using Xunit.Abstractions;
using RecoFunctions.Runtime.Tests;

namespace RecoFunctions.Local.Tests.Telemetry;

/// <summary>The runtime's spans and metrics as an exporter receives them, from a real run (embedded Kafka, sandbox over HTTP).</summary>
[Collection(RuntimeCollection.Name)]
public sealed class RuntimeTelemetryTests(ITestOutputHelper output)
{
    private readonly List<Activity> _spans = [];
    private readonly List<Metric> _metrics = [];

    [Fact]
    public async Task RunAsync_RecordWithTraceparent_BatchServiceCallAndHttpSpansContinueItsTrace()
    {
        await using var harness = await RuntimeHarness.StartAsync(output, partitions: 1, register: Register);
        var tracer = harness.Services.GetRequiredService<TracerProvider>();
        var producer = TracedRecords.NewContext();
        TracedRecords.Produce(harness, TestEvents.Content("art-traced", 1, DateTimeOffset.UtcNow), producer);

        await using (var running = harness.Start("traces"))
        {
            await running.WaitUntilIdleAsync();
            await running.StopAsync();
        }

        tracer.ForceFlush();
        var trace = _spans.Where(span => span.TraceId == producer.TraceId).ToList();
        foreach (var span in trace)
        {
            output.WriteLine($"{span.Source.Name} '{span.DisplayName}' {span.Kind} trace {span.TraceId} span {span.SpanId} parent {span.ParentSpanId}");
        }

        var batch = Assert.Single(trace, span => span.DisplayName == "process " + TestEvents.ContentTopic);
        Assert.Equal(producer.SpanId, batch.ParentSpanId);
        Assert.Equal(ActivityKind.Consumer, batch.Kind);
        Assert.Equal("content", batch.GetTagItem("reco.flow"));
        var calls = trace.Where(span => span.Source.Name == RecoTelemetry.Name && span.ParentSpanId == batch.SpanId).ToList();
        Assert.NotEmpty(calls);
        var clients = trace.Where(span => span.Kind == ActivityKind.Client && calls.Any(call => call.SpanId == span.ParentSpanId)).ToList();
        Assert.Equal(calls.Count, clients.Count);

        // The sandbox's server span was started from the traceparent header the request carried on the wire.
        var servers = trace.Where(span => span.Kind == ActivityKind.Server).ToList();
        Assert.Equal(clients.Count, servers.Count);
        Assert.All(servers, server => Assert.Contains(clients, client => client.SpanId == server.ParentSpanId));
    }

    [Fact]
    public async Task RunAsync_InvalidRecordWithTraceparent_DeadLetterContinuesItsTraceAndMetricsCarryLabels()
    {
        await using var harness = await RuntimeHarness.StartAsync(output, partitions: 1, register: Register);
        var tracer = harness.Services.GetRequiredService<TracerProvider>();
        var meter = harness.Services.GetRequiredService<MeterProvider>();
        var producer = TracedRecords.NewContext();
        TracedRecords.Produce(harness, TestEvents.MissingEventType(TestEvents.ContentTopic, "art-bad"), producer);
        harness.Produce([TestEvents.Content("art-good", 1, DateTimeOffset.UtcNow)]);
        harness.Kafka.EnsureTopic(TestEvents.ContentTopic + ".dlq");

        await using (var running = harness.Start("dead-letters"))
        {
            await running.WaitUntilIdleAsync();
            _metrics.Clear();
            meter.ForceFlush();
            await running.StopAsync();
        }

        tracer.ForceFlush();
        var batch = Assert.Single(_spans, span => span.TraceId == producer.TraceId && span.DisplayName == "process " + TestEvents.ContentTopic);
        var deadLetter = Assert.Single(harness.ReadAll(TestEvents.ContentTopic + ".dlq"));
        Assert.True(deadLetter.Message.Headers.TryGetLastBytes("traceparent", out var traceparent));
        Assert.Equal($"00-{producer.TraceId.ToHexString()}-{batch.SpanId.ToHexString()}-01", Encoding.UTF8.GetString(traceparent));
        Assert.Single(deadLetter.Message.Headers, header => header.Key == "traceparent");

        var deadLettered = Points("reco.runtime.dead_lettered");
        var point = Assert.Single(deadLettered);
        Assert.Equal(1, point.GetSumLong());
        Assert.Equal("content", Tag(point, "flow"));
        Assert.Equal("validate", Tag(point, "stage"));
        Assert.False(string.IsNullOrEmpty(Tag(point, "reason") as string));
        Assert.Equal(2, Points("reco.runtime.consumed").Sum(consumed => consumed.GetSumLong()));
        Assert.Equal(1, Assert.Single(Points("reco.runtime.latency")).GetHistogramCount());
        Assert.Equal(0, Assert.Single(Points("reco.runtime.in_flight")).GetSumLong());
        var lag = Assert.Single(Points("reco.runtime.consumer.lag"), point => Equals(Tag(point, "topic"), TestEvents.ContentTopic));
        Assert.Equal(0, lag.GetGaugeLastValueLong());
        Assert.Equal(0, Tag(lag, "partition"));
        Assert.Contains(Points("reco.breaker.state"), state => Equals(Tag(state, "state"), "closed") && state.GetGaugeLastValueLong() == 1);
        Assert.Contains(Points("reco.service.calls"), call => Equals(Tag(call, "result"), "ok"));
    }

    private static object? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value;
            }
        }

        return null;
    }

    private void Register(IServiceCollection services) =>
        services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddRecoMetrics().AddInMemoryExporter(_metrics))
            .WithTracing(tracing => RuntimeTelemetryServiceCollectionExtensions.AddRecoTracing(tracing)
                .AddSource("Microsoft.AspNetCore")
                .AddInMemoryExporter(_spans));

    private List<MetricPoint> Points(string name)
    {
        var points = new List<MetricPoint>();
        foreach (var metric in _metrics.Where(metric => metric.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                points.Add(point);
            }
        }

        return points;
    }
}
