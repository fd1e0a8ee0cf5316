using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using RecoFunctions.Runtime.Kafka;
using RecoFunctions.Local.Tests.Runtime;
using RecoFunctions.Runtime.Tests;

namespace RecoFunctions.Local.Tests.Telemetry;

/// <summary>Test events produced with a W3C <c>traceparent</c> header, as an instrumented producer would send them.</summary>
internal static class TracedRecords
{
    public static ActivityContext NewContext() =>
        new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);

    public static void Produce(RuntimeHarness harness, TestEvent testEvent, ActivityContext context)
    {
        harness.Kafka.EnsureTopic(testEvent.Topic);
        using var producer = new ProducerBuilder<string, byte[]>(KafkaClientConfigs.Producer(new KafkaOptions(), harness.BootstrapServers)).Build();
        var headers = new Headers
        {
            { "traceparent", Encoding.UTF8.GetBytes($"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-01") },
            { "tracestate", Encoding.UTF8.GetBytes("vendor=value") },
        };
        producer.ProduceAsync(testEvent.Topic, new Message<string, byte[]> { Key = testEvent.Key, Value = testEvent.Value, Headers = headers })
            .GetAwaiter().GetResult();
    }
}
