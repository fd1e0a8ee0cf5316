using RecoFunctions.Local.Workload;

namespace RecoFunctions.Local.Accounting;

/// <summary>A produced message the pipeline must dead-letter: where it lies in Kafka, why, and at which stage.</summary>
public sealed record ExpectedDeadLetter(int Partition, long Offset, MessageCategory Category, string? Stage, string? Rule, string? Key, string Case)
{
    public MessageFate Fate => MessageCategories.FateOf(Category);
}
