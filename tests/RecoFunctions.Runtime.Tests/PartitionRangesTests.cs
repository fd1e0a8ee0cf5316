
namespace RecoFunctions.Runtime.Tests;

public sealed class PartitionRangesTests
{
    [Fact]
    public void Format_ConsecutivePartitionsOfTwoTopics_OneRangePerTopic()
    {
        var partitions = Enumerable.Range(0, 13).SelectMany(i => new[] { new RuntimePartition("oicms.content.v1", i), new RuntimePartition("oicms.campaign.v1", 12 - i) });

        Assert.Equal("oicms.campaign.v1[0-12], oicms.content.v1[0-12]", PartitionRanges.Format(partitions));
    }

    [Fact]
    public void Format_GapsAndSinglePartitions_RangesAndSinglesInOrder()
    {
        var partitions = new[] { 7, 0, 1, 2, 5, 9, 8, 11 }.Select(i => new RuntimePartition("t", i));

        Assert.Equal("t[0-2,5,7-9,11]", PartitionRanges.Format(partitions));
    }

    [Fact]
    public void Format_RepeatedPartition_NamedOnce()
    {
        Assert.Equal("t[3]", PartitionRanges.Format([new RuntimePartition("t", 3), new RuntimePartition("t", 3)]));
    }

    [Fact]
    public void Format_Nothing_Empty()
    {
        Assert.Equal(string.Empty, PartitionRanges.Format([]));
    }
}
