using RecoFunctions.Core.Windowing;
using RecoFunctions.Testing;

namespace RecoFunctions.Core.Tests.Windowing;

public sealed class ContentCatalogTests
{
    [Fact]
    public async Task LookupAsync_KnownAndMissingContents_KindAndTagsFromTheContentApiOrNone()
    {
        await using var harness = await FeatureHarness.StartAsync();
        var expected = await harness.ContentAsync("art-1");

        var facts = await harness.Catalog.LookupAsync(["art-1", "missing-1"], CancellationToken.None);

        Assert.Equal(expected.Kind, facts["art-1"].Kind);
        Assert.Equal(expected.Tags, facts["art-1"].Tags);
        Assert.NotNull(facts["art-1"].Kind);
        Assert.Null(facts["missing-1"].Kind);
        Assert.Empty(facts["missing-1"].Tags);
    }

    [Fact]
    public async Task LookupAsync_ManyIds_GoOutInBatchesOfTheServiceBatchSize()
    {
        await using var harness = await FeatureHarness.StartAsync(new Dictionary<string, string?> { ["Services:content-api:BatchSize"] = "10" });
        var ids = Enumerable.Range(0, 25).Select(i => $"art-{i}").ToArray();

        var facts = await harness.Catalog.LookupAsync(ids, CancellationToken.None);

        Assert.Equal(25, facts.Count);
        Assert.Equal(3, harness.Sandbox.Knobs.ContentApi.TotalCalls);
    }

    [Fact]
    public async Task LookupAsync_AgainWithinTheLifetime_AnsweredFromTheCacheIncludingUnknownContents()
    {
        await using var harness = await FeatureHarness.StartAsync();
        await harness.Catalog.LookupAsync(["art-1", "missing-1"], CancellationToken.None);

        var again = await harness.Catalog.LookupAsync(["art-1", "missing-1"], CancellationToken.None);

        Assert.Equal(1, harness.Sandbox.Knobs.ContentApi.TotalCalls);
        Assert.NotNull(again["art-1"].Kind);
        Assert.Null(again["missing-1"].Kind);
    }

    [Fact]
    public async Task LookupAsync_AfterTheLifetime_LooksUpAgain()
    {
        var time = TestClock.Create();
        await using var harness = await FeatureHarness.StartAsync(
            new Dictionary<string, string?> { ["Features:CatalogEntryLifetime"] = "00:01:00" }, time);
        await harness.Catalog.LookupAsync(["art-1"], CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(59));
        await harness.Catalog.LookupAsync(["art-1"], CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(2));
        await harness.Catalog.LookupAsync(["art-1"], CancellationToken.None);

        Assert.Equal(2, harness.Sandbox.Knobs.ContentApi.TotalCalls);
    }

    [Fact]
    public async Task LookupAsync_MoreContentsThanTheCapacity_AnswersAllAndHoldsAtMostTheCapacity()
    {
        await using var harness = await FeatureHarness.StartAsync(new Dictionary<string, string?> { ["Features:CatalogCapacity"] = "5" });
        var ids = Enumerable.Range(0, 20).Select(i => $"art-{i}").ToArray();

        var facts = await harness.Catalog.LookupAsync(ids, CancellationToken.None);

        Assert.Equal(20, facts.Count);
        Assert.All(ids, id => Assert.NotNull(facts[id].Kind));
        Assert.InRange(harness.Catalog.Count, 1, 5);
    }

    [Fact]
    public async Task LookupAsync_ContentApiDown_ThrowsATransientFailureAndCachesNothing()
    {
        await using var harness = await FeatureHarness.StartAsync();
        harness.Sandbox.Knobs.ContentApi.StartOutage(503);

        var error = await Assert.ThrowsAsync<FeaturesNotPublishedException>(async () => await harness.Catalog.LookupAsync(["art-1", "art-2"], CancellationToken.None));

        Assert.True(error.IsTransient);
        Assert.Equal(2, error.Failed);
        Assert.StartsWith("content-api: 503", error.Reason, StringComparison.Ordinal);
        Assert.Equal(0, harness.Catalog.Count);
    }

    [Fact]
    public async Task LookupAsync_DuplicateIds_AskedForOnce()
    {
        await using var harness = await FeatureHarness.StartAsync(new Dictionary<string, string?> { ["Services:content-api:BatchSize"] = "1" });

        var facts = await harness.Catalog.LookupAsync(["art-1", "art-1"], CancellationToken.None);

        Assert.Single(facts);
        Assert.Equal(1, harness.Sandbox.Knobs.ContentApi.TotalCalls);
    }
}
