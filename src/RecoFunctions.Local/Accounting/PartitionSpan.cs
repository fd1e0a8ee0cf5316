namespace RecoFunctions.Local.Accounting;

/// <summary>The offsets a run wrote to one partition: dead letters pointing elsewhere belong to other runs.</summary>
public readonly record struct PartitionSpan(int Partition, long FirstOffset, long LastOffset, long Count)
{
    public bool Contains(long offset) => offset >= FirstOffset && offset <= LastOffset;

    public PartitionSpan Including(long offset) => this with
    {
        FirstOffset = Math.Min(FirstOffset, offset),
        LastOffset = Math.Max(LastOffset, offset),
        Count = Count + 1,
    };
}
