using System.Collections.Concurrent;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Functions.DeadLetters;

namespace RecoFunctions.Functions.Tests.Durable.Host;

/// <summary>
/// Stands in for the Kafka dead-letter producer (the app's builds default to SASL_SSL, which no local broker offers):
/// records what the publishing activity produced, per topic.
/// </summary>
public sealed class RecordingDeadLetterProducer : IDeadLetterProducer
{
    private readonly ConcurrentQueue<(string Topic, DeadLetterRecord Record)> _produced = new();

    public IReadOnlyList<(string Topic, DeadLetterRecord Record)> Produced => [.. _produced];

    public Task ProduceAsync(string topic, IReadOnlyList<DeadLetterRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            _produced.Enqueue((topic, record));
        }

        return Task.CompletedTask;
    }

    public void Clear() => _produced.Clear();
}
