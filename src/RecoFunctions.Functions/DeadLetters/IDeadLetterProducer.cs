using RecoFunctions.Core.DeadLetters;

namespace RecoFunctions.Functions.DeadLetters;

/// <summary>Produces dead letters in the header form and returns once the broker has acknowledged all of them.</summary>
public interface IDeadLetterProducer
{
    Task ProduceAsync(string topic, IReadOnlyList<DeadLetterRecord> records, CancellationToken cancellationToken);
}
