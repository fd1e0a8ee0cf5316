namespace RecoFunctions.Core.Messaging;

/// <summary>Where a record lives in Kafka; unique per cluster and the unit of dead-lettering and commits.</summary>
public readonly record struct MessageId(string Topic, int Partition, long Offset)
{
    public override string ToString() => $"{Topic}/{Partition}@{Offset}";
}
