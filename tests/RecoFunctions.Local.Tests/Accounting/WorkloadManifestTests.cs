using RecoFunctions.Local.Accounting;
using RecoFunctions.Local.Workload;
using RecoFunctions.Testing;

namespace RecoFunctions.Local.Tests.Accounting;

public sealed class WorkloadManifestTests
{
    [Fact]
    public async Task SaveThenLoad_GeneratedRun_RoundTripsEverything()
    {
        var manifest = Record(new WorkloadSpec { Count = 2000, Keys = 50, Seed = 5, InvalidShare = 0.05, HostileShare = 0.05, DuplicateShare = 0.05, OutOfOrderShare = 0.05, MissingShare = 0.05, OversizedBytes = 1 });
        using var stream = new MemoryStream();

        await manifest.SaveAsync(stream, CancellationToken.None);
        stream.Position = 0;
        var loaded = await WorkloadManifest.LoadAsync(stream, CancellationToken.None);

        Assert.Equal(manifest.CreatedAt, loaded.CreatedAt);
        Assert.Equal(manifest.Seed, loaded.Seed);
        Assert.Equal(manifest.Produced, loaded.Produced);
        foreach (var flow in manifest.Flows)
        {
            var other = loaded.Find(flow.Flow)!;
            Assert.Equal((flow.Topic, flow.DeadLetterTopic, flow.DeliveryKind, flow.Produced), (other.Topic, other.DeadLetterTopic, other.DeliveryKind, other.Produced));
            Assert.Equal(flow.ByCategory.OrderBy(p => p.Key), other.ByCategory.OrderBy(p => p.Key));
            Assert.Equal(flow.Partitions.OrderBy(p => p.Key), other.Partitions.OrderBy(p => p.Key));
            Assert.Equal(flow.ExpectedDeadLetters, other.ExpectedDeadLetters);
            Assert.Equal(flow.DistinctValidPairs, other.DistinctValidPairs);
            Assert.Equal(
                flow.ValidPairs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value.Ranges.ToArray())),
                other.ValidPairs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value.Ranges.ToArray())),
                (a, b) => a.Key == b.Key && a.Item2.SequenceEqual(b.Item2));
        }
    }

    [Fact]
    public async Task Save_ValidPairs_WrittenAsVersionRangesPerKey()
    {
        var manifest = new WorkloadManifest(TestClock.Start, "test");
        var flow = manifest.GetOrAdd(ShippedConfiguration.Flows.Get("content"), "item");
        foreach (var version in new long[] { 1, 2, 3, 5, 3 })
        {
            flow.AddValidPair("art-1000", version);
        }

        using var stream = new MemoryStream();
        await manifest.SaveAsync(stream, CancellationToken.None);
        var json = System.Text.Encoding.UTF8.GetString(stream.ToArray());

        Assert.Contains("\"validPairs\":{\"art-1000\":[[1,3],[5,5]]}", json, StringComparison.Ordinal);
        Assert.Contains("\"distinctValidPairs\":4", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"formatVersion\":99,\"createdAt\":\"2026-11-21T10:00:00Z\",\"source\":\"x\",\"flows\":[]}")]
    [InlineData("{\"formatVersion\":1,\"createdAt\":\"2026-11-21T10:00:00Z\",\"source\":\"x\",\"flows\":[{\"flow\":\"content\",\"topic\":\"t\",\"deadLetterTopic\":\"d\",\"deliveryKind\":\"item\",\"validPairs\":{\"a\":[[5,1]]}}]}")]
    public async Task Load_NotAManifest_InvalidData(string content)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content));

        await Assert.ThrowsAsync<InvalidDataException>(() => WorkloadManifest.LoadAsync(stream, CancellationToken.None));
    }

    /// <summary>The manifest a produce run would write, with made-up partitions and offsets.</summary>
    private static WorkloadManifest Record(WorkloadSpec spec)
    {
        var manifest = new WorkloadManifest(TestClock.Start, "generated", spec.Seed);
        var offset = 0L;
        foreach (var message in new WorkloadGenerator(spec, ShippedConfiguration.Pipeline, TestClock.Create()).Generate())
        {
            manifest.GetOrAdd(message.Flow, RecoFunctions.Local.Accounting.DeliveryKindsOf.Contract(message.Flow.Contract)).Record(message, (int)(offset % 3), offset);
            offset++;
        }

        return manifest;
    }
}
