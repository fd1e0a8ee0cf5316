namespace RecoFunctions.Local.Runtime;

/// <summary>A topic partition, written <c>topic[3]</c>.</summary>
public readonly record struct RuntimePartition(string Topic, int Partition)
{
    public override string ToString() => $"{Topic}[{Partition}]";
}
