using RecoFunctions.Sandbox.Recording;

namespace RecoFunctions.Sandbox.Tests;

public sealed class VersionRangesTests
{
    [Fact]
    public void Add_RisingByOne_KeepsOneRange()
    {
        var set = new VersionRanges();

        for (var version = 1; version <= 1000; version++)
        {
            Assert.True(set.Add(version));
        }

        Assert.Equal([new VersionRange(1, 1000)], set.Ranges);
        Assert.Equal(1000, set.Count);
        Assert.Equal(1000, set.Max);
    }

    [Fact]
    public void Add_OutOfOrderAndRepeated_MergesGapsAndRefusesRepeats()
    {
        var set = new VersionRanges();

        foreach (var version in new long[] { 5, 1, 3, 2, 9, 4, 3, 7 })
        {
            set.Add(version);
        }

        Assert.False(set.Add(4));
        Assert.Equal([new VersionRange(1, 5), new VersionRange(7, 7), new VersionRange(9, 9)], set.Ranges);
        Assert.Equal(7, set.Count);
        Assert.True(set.Contains(7));
        Assert.False(set.Contains(8));
        Assert.False(set.Contains(0));
    }

    [Fact]
    public void AddRange_Overlapping_MergesAndCountsOnce()
    {
        var set = new VersionRanges([new VersionRange(1, 3), new VersionRange(10, 12)]);

        set.AddRange(2, 10);

        Assert.Equal([new VersionRange(1, 12)], set.Ranges);
        Assert.Equal(12, set.Count);
        Assert.Equal(Enumerable.Range(1, 12).Select(v => (long)v), set.Versions());
    }

    [Fact]
    public void Add_RandomOrder_MatchesAHashSet()
    {
        var random = new Random(7);
        var set = new VersionRanges();
        var reference = new HashSet<long>();
        for (var i = 0; i < 2000; i++)
        {
            var version = random.NextInt64(1, 500);
            Assert.Equal(reference.Add(version), set.Add(version));
        }

        Assert.Equal(reference.Count, set.Count);
        Assert.Equal(reference.Order(), set.Versions());
    }
}
