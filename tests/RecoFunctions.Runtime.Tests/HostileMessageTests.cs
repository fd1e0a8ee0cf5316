using System.Text;
using Confluent.Kafka;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Runtime.Kafka;
using Xunit.Abstractions;

namespace RecoFunctions.Runtime.Tests;

/// <summary>Every kind of hostile message among healthy traffic ends in the dead-letter topic with a reason; the healthy traffic is delivered.</summary>
[Collection(RuntimeCollection.Name)]
public sealed class HostileMessageTests(ITestOutputHelper output)
{
    private static readonly (string Key, byte[]? Value, string Reason)[] Hostile =
    [
        ("bad-utf8", [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x7D], "parse: encoding"),
        ("truncated", Utf8("""{"eventId":"t-1","eventType":"content.published","content":{"contentId":"trunc"""), "parse: json"),
        ("huge", Encoding.ASCII.GetBytes("{\"pad\":\"" + new string('x', 2 * 1024 * 1024) + "\"}"), "parse: payloadTooLarge"),
        ("wrong-types", Utf8("""{"eventId":7,"eventType":"content.published","occurredAt":true,"content":{"contentId":"wrong-types","version":"one","kind":"article"}}"""), "validate: type"),
        ("unknown-type", Utf8("""{"eventId":"u-1","eventType":"content.exploded","occurredAt":"2026-11-21T10:00:00Z","content":{"contentId":"unknown-type","version":1}}"""), "validate: enum at $.eventType"),
        ("missing-fields", Utf8("""{"eventType":"content.published"}"""), "validate: required"),
        ("null-body", null, "parse: empty"),
    ];

    [Fact]
    public async Task RunAsync_EveryHostileKindAmongHealthyTraffic_DeadLettersEachWithItsReasonAndDeliversTheRest()
    {
        await using var harness = await RuntimeHarness.StartAsync(output);
        var now = DateTimeOffset.UtcNow;
        var healthy = Enumerable.Range(0, 40).Select(i => TestEvents.Content($"art-{i}", 1, now)).ToList();
        harness.Produce(healthy.Take(20));
        ProduceHostile(harness.BootstrapServers);
        ProduceKeyless(harness.BootstrapServers, healthy[0].Value);
        harness.Produce(healthy.Skip(20));
        harness.Kafka.EnsureTopic(TestEvents.ContentTopic + ".dlq");

        await using var running = harness.Start("hostile");
        await running.WaitUntilIdleAsync();
        var snapshot = running.Runtime.Snapshot();
        await running.StopAsync();

        Assert.All(healthy, e => Assert.True(harness.Sandbox.Recorder.WasApplied(e.Kind, e.Key, e.Version), $"{e.Key} not applied"));
        var deadLetters = harness.ReadAll(TestEvents.ContentTopic + ".dlq");
        foreach (var record in deadLetters)
        {
            output.WriteLine($"{Key(record)}: {Header(record, DeadLetterHeaders.Stage)} {Header(record, DeadLetterHeaders.Reason)}");
        }

        Assert.Equal(Hostile.Length + 1, deadLetters.Count);
        Assert.Equal(Hostile.Length + 1, snapshot.DeadLettered);
        var byKey = deadLetters.Where(r => r.Message.Key is not null).ToDictionary(Key);
        foreach (var (key, _, reason) in Hostile)
        {
            var record = byKey[key];
            var stage = Header(record, DeadLetterHeaders.Stage);
            Assert.StartsWith(reason.Split(':')[0], stage);
            Assert.Contains(reason.Split(':')[1].Trim(), Header(record, DeadLetterHeaders.Reason) ?? string.Empty, StringComparison.Ordinal);
        }

        var keyless = Assert.Single(deadLetters, r => r.Message.Key is null);
        Assert.Equal("validate: key at $", Header(keyless, DeadLetterHeaders.Reason));
    }

    private static void ProduceHostile(string bootstrap)
    {
        var config = KafkaClientConfigs.Producer(new KafkaOptions(), bootstrap);
        config.MessageMaxBytes = 8 * 1024 * 1024;
        using var producer = new ProducerBuilder<string, byte[]?>(config).Build();
        foreach (var (key, value, _) in Hostile)
        {
            producer.Produce(TestEvents.ContentTopic, new Message<string, byte[]?> { Key = key, Value = value });
        }

        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
    }

    /// <summary>A valid-looking event with no Kafka key at all.</summary>
    private static void ProduceKeyless(string bootstrap, byte[] value)
    {
        using var producer = new ProducerBuilder<Null, byte[]>(KafkaClientConfigs.Producer(new KafkaOptions(), bootstrap)).Build();
        producer.Produce(TestEvents.ContentTopic, new Message<Null, byte[]> { Value = value });
        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
    }

    private static string Key(ConsumeResult<byte[]?, byte[]?> record) => record.Message.Key is { } key ? Encoding.UTF8.GetString(key) : "(no key)";

    private static string? Header(ConsumeResult<byte[]?, byte[]?> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out var value) ? Encoding.UTF8.GetString(value) : null;

    private static byte[] Utf8(string value) => Encoding.UTF8.GetBytes(value);
}
