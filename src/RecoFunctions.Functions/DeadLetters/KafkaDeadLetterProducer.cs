using Confluent.Kafka;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Functions.Triggers;

namespace RecoFunctions.Functions.DeadLetters;

/// <summary>
/// Dead letters from the orchestration, produced with Confluent.Kafka directly rather than through the Kafka output
/// binding: an activity's return value is its result for the orchestrator, and output bindings on such
/// result-returning triggers are not reliably supported in the isolated worker; a producer of our own also sets the
/// key and headers, so these dead letters have the same header form as the self-hosted runtime's. Idempotent, acks
/// from all in-sync replicas; <see cref="ProduceAsync"/> waits for every delivery report and throws on the first failure.
/// </summary>
public sealed class KafkaDeadLetterProducer : IDeadLetterProducer, IDisposable
{
    private readonly IProducer<string?, byte[]> _producer;

    public KafkaDeadLetterProducer(IOptions<KafkaProducerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _producer = new ProducerBuilder<string?, byte[]>(CreateConfig(options.Value)).Build();
    }

    public async Task ProduceAsync(string topic, IReadOnlyList<DeadLetterRecord> records, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(records);
        var deliveries = records.Select(record => _producer.ProduceAsync(topic, ToMessage(record), cancellationToken)).ToList();
        await Task.WhenAll(deliveries).ConfigureAwait(false);
    }

    public void Dispose()
    {
        // Bounded: delivery reports of acknowledged work were already awaited by the activities.
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }

    internal static ProducerConfig CreateConfig(KafkaProducerOptions options)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = options.KafkaBrokerList,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            MessageTimeoutMs = options.KafkaDeadLetterTimeoutMs,
            ClientId = "reco-functions-dead-letters",
        };
        if (KafkaTriggerSettings.UsesSaslSsl)
        {
            config.SecurityProtocol = SecurityProtocol.SaslSsl;
            config.SaslMechanism = SaslMechanism.Plain;
            config.SaslUsername = options.KafkaUsername;
            config.SaslPassword = options.KafkaPassword;
        }

        return config;
    }

    internal static Message<string?, byte[]> ToMessage(DeadLetterRecord record)
    {
        var headers = new Headers();
        foreach (var header in DeadLetterCodec.ToHeaders(record))
        {
            headers.Add(header.Key, header.Value);
        }

        return new Message<string?, byte[]> { Key = record.Key, Value = record.Value.ToArray(), Headers = headers };
    }
}
