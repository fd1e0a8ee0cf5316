namespace RecoFunctions.Runtime;

/// <summary>A topic partition, written <c>topic[3]</c>; ordered by topic, then partition.</summary>
public readonly record struct RuntimePartition(string Topic, int Partition) : IComparable<RuntimePartition>
{
    public static bool operator <(RuntimePartition left, RuntimePartition right) => left.CompareTo(right) < 0;

    public static bool operator >(RuntimePartition left, RuntimePartition right) => left.CompareTo(right) > 0;

    public static bool operator <=(RuntimePartition left, RuntimePartition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(RuntimePartition left, RuntimePartition right) => left.CompareTo(right) >= 0;

    public int CompareTo(RuntimePartition other)
    {
        var byTopic = string.CompareOrdinal(Topic, other.Topic);
        return byTopic != 0 ? byTopic : Partition.CompareTo(other.Partition);
    }

    public override string ToString() => $"{Topic}[{Partition}]";
}
