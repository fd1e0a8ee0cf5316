using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Functions.DeadLetters;
using RecoFunctions.Local.Accounting;
using RecoFunctions.Runtime.Kafka;
using RecoFunctions.Runtime;
using RecoFunctions.Local.Tests.Runtime;
using RecoFunctions.Testing;
using RecoFunctions.Runtime.Tests;

namespace RecoFunctions.Local.Tests.DeadLetters;

/// <summary>
/// The dead-letter contract across runtimes: a dead letter written through each writer (the self-hosted runtime's
/// publisher, the Functions app's dead-letter activity and its trigger's output binding envelope) onto a real Kafka
/// topic reads back the same, field for field, with each reader (<c>reco audit</c>'s reader and <c>reco replay</c>).
/// </summary>
[Collection(RuntimeCollection.Name)]
public sealed class DeadLetterContractTests : IDisposable
{
    private const string SelfHosted = "self-hosted runtime";
    private const string FunctionsActivity = "functions activity";
    private const string FunctionsTrigger = "functions trigger envelope";

    private static readonly DateTimeOffset Produced = new(2026, 11, 21, 9, 59, 58, 123, TimeSpan.Zero);
    private static readonly DateTimeOffset DeadLetteredAt = new(2026, 11, 21, 10, 0, 1, TimeSpan.Zero);

    private static readonly DeadLetterFailure Failure = new(DeadLetterStage.Workflow, "retry budget exhausted: content-api: 503 ServiceUnavailable (down)")
    {
        Source = "content-api",
        Status = 503,
        IsTransient = true,
    };

    private readonly EmbeddedKafka _kafka = EmbeddedKafka.Start(defaultPartitions: 1);
    private readonly FlowDefinition _flow = ShippedConfiguration.Flows.Get("content");

    public static TheoryData<string> Writers => [SelfHosted, FunctionsActivity, FunctionsTrigger];

    [Theory]
    [MemberData(nameof(Writers))]
    public async Task AuditReader_DeadLetterOfEachWriter_ReadsTheSameFieldForField(string writer)
    {
        var written = await WriteAsync(writer);

        var read = await new DeadLetterReader(_kafka.BootstrapServers).ReadAsync([_flow.DeadLetterTopic], CancellationToken.None);

        DeadLetterAssert.Same(written, Assert.Single(read));
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public async Task Replay_DeadLetterOfEachWriter_SendsTheOriginalBackToItsTopic(string writer)
    {
        var written = await WriteAsync(writer);
        var replayed = new List<(string Topic, Message<byte[]?, byte[]?> Message)>();

        var counts = new DeadLetterReplay(new KafkaOptions(), _kafka.BootstrapServers, (topic, message) =>
        {
            replayed.Add((topic, message));
            return true;
        }).Replay(_flow, [0], new ReplayFilter("SERVICEUNAVAILABLE", "workflow"), CancellationToken.None);

        Assert.Equal((1L, 1L, 0L, 1L), (counts.Scanned, counts.Matched, counts.Unreadable, counts.Republished));
        var (target, message) = Assert.Single(replayed);
        Assert.Equal(written.OriginalTopic, target);
        Assert.Equal(written.Key, Encoding.UTF8.GetString(message.Key!));
        Assert.Equal(written.Value.ToArray(), message.Value);
        Assert.Equal(
            [.. written.OriginalHeaders.Select(header => (header.Key, Convert.ToBase64String(header.Value!))), (DeadLetterReplay.ReplayedFromHeader, Base64($"{_flow.DeadLetterTopic}/0@0"))],
            message.Headers.Select(header => (header.Key, Convert.ToBase64String(header.GetValueBytes()))));
    }

    public void Dispose() => _kafka.Dispose();

    /// <summary>Writes the dead letter of one original message through <paramref name="writer"/>; returns what was meant to be written.</summary>
    private async Task<DeadLetterRecord> WriteAsync(string writer)
    {
        _kafka.EnsureTopic(_flow.DeadLetterTopic);
        var original = new KafkaMessage(_flow.Topic, 0, 42, "art-1", [new KafkaHeader("traceparent", [7, 8, 9])], Produced, Encoding.UTF8.GetBytes("{\"a\":1}"));
        var expected = DeadLetterRecord.From(original, Failure, DeadLetteredAt);
        var config = KafkaClientConfigs.Producer(new KafkaOptions(), _kafka.BootstrapServers);
        switch (writer)
        {
            case SelfHosted:
                using (var publisher = new DeadLetterPublisher(config, new FakeTimeProvider(DeadLetteredAt), NullLogger.Instance))
                {
                    await publisher.PublishAsync(_flow, Consumed(original), Failure, CancellationToken.None);
                }

                break;
            case FunctionsActivity:
                using (var producer = new ProducerBuilder<string?, byte[]>(config).Build())
                {
                    await producer.ProduceAsync(_flow.DeadLetterTopic, KafkaDeadLetterProducer.ToMessage(expected));
                }

                break;
            default:
                // What the trigger returns to its Kafka output binding, which produces the string as the value, without key or headers.
                using (var producer = new ProducerBuilder<Null, string>(config).Build())
                {
                    await producer.ProduceAsync(_flow.DeadLetterTopic, new Message<Null, string> { Value = DeadLetterCodec.ToEnvelopeJson(expected) });
                }

                break;
        }

        return expected;
    }

    private static ConsumeResult<byte[]?, byte[]?> Consumed(KafkaMessage message) => new()
    {
        Topic = message.Topic,
        Partition = new Partition(message.Partition),
        Offset = new Offset(message.Offset),
        Message = new Message<byte[]?, byte[]?>
        {
            Key = Encoding.UTF8.GetBytes(message.Key!),
            Value = message.Value.ToArray(),
            Headers = ConfluentRecords.ToHeaders(message.Headers),
            Timestamp = new Timestamp(message.Timestamp.ToUnixTimeMilliseconds(), TimestampType.CreateTime),
        },
    };

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
