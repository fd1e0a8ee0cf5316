using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RecoFunctions.Core.Tests.Support;
using RecoFunctions.Core.Windowing;
using RecoFunctions.Sandbox.Knobs;
using RecoFunctions.Testing;

namespace RecoFunctions.Core.Tests.Windowing;

public sealed class ClosedWindowPublisherTests
{
    [Fact]
    public async Task PublishAsync_ClosedWindows_RecommenderHoldsTheirFeatures()
    {
        await using var harness = await FeatureHarness.StartAsync();
        var first = await harness.ContentAsync("art-1");
        var second = await harness.ContentAsync("art-2");

        await harness.Publisher.PublishAsync([Windows.Closed("u-1", ("art-1", 2), ("art-2", 1)), Windows.Closed("u-2", ("missing-1", 1))], CancellationToken.None);

        var held = harness.Sandbox.Features.Get("u-1", "5m", Windows.Start)!;
        Assert.Equal((3, 2, 300L, Windows.Start.AddMinutes(5)), (held.Events, held.DistinctContents, held.TotalDwellMs, held.End));
        Assert.Equal(new Dictionary<string, int> { ["view"] = 3 }, held.Counts);
        // art-1 carries two events, art-2 one: art-1's kind and tag come first (one entry when they are the same).
        Assert.Equal(new[] { first.Kind!, second.Kind! }.Distinct(), held.TopKinds);
        Assert.Equal(first.Tags!.Concat(second.Tags!).Distinct(), held.TopTags);
        var unknown = harness.Sandbox.Features.Get("u-2", "5m", Windows.Start)!;
        Assert.Empty(unknown.TopKinds);
        Assert.Empty(unknown.TopTags);
    }

    [Fact]
    public async Task PublishAsync_TopCountConfigured_CutsTheTopLists()
    {
        await using var harness = await FeatureHarness.StartAsync(new Dictionary<string, string?> { ["Windowing:TopCount"] = "1" });
        var contents = Enumerable.Range(0, 12).Select(i => ($"art-{i}", 1)).ToArray();

        await harness.Publisher.PublishAsync([Windows.Closed("u-1", contents)], CancellationToken.None);

        var held = harness.Sandbox.Features.Get("u-1", "5m", Windows.Start)!;
        Assert.Single(held.TopKinds);
        Assert.Single(held.TopTags);
    }

    [Fact]
    public async Task PublishAsync_SameWindowsAgain_UnchangedAndNothingOverwritten()
    {
        await using var harness = await FeatureHarness.StartAsync();
        ClosedWindow[] windows = [Windows.Closed("u-1", ("art-1", 2)), Windows.Closed("u-2", ("art-2", 1))];

        await harness.Publisher.PublishAsync(windows, CancellationToken.None);
        await harness.Publisher.PublishAsync(windows, CancellationToken.None);

        var counts = harness.Sandbox.Features.Counts;
        Assert.Equal((2L, 2L, 0L), (counts.Applied, counts.Unchanged, counts.Overwritten));
    }

    [Fact]
    public async Task PublishAsync_MoreWindowsThanTheBatchSize_SentInSeveralCalls()
    {
        await using var harness = await FeatureHarness.StartAsync(new Dictionary<string, string?> { ["Services:recommender-api:BatchSize"] = "2" });
        var windows = Enumerable.Range(0, 5).Select(i => Windows.Closed($"u-{i}", ("art-1", 1))).ToArray();

        await harness.Publisher.PublishAsync(windows, CancellationToken.None);

        Assert.Equal([2, 2, 1], harness.Sandbox.Features.GetCalls().Select(call => call.Records).Order().Reverse());
        Assert.Equal(5, harness.Sandbox.Features.Counts.Held);
    }

    [Fact]
    public async Task PublishAsync_RecommenderDown_ThrowsATransientFailure()
    {
        await using var harness = await FeatureHarness.StartAsync();
        harness.Sandbox.Knobs.RecommenderDelivery.StartOutage(503);

        var error = await Assert.ThrowsAsync<FeaturesNotPublishedException>(() =>
            harness.Publisher.PublishAsync([Windows.Closed("u-1", ("art-1", 1)), Windows.Closed("u-2", ("art-1", 1))], CancellationToken.None));

        Assert.True(error.IsTransient);
        Assert.Equal(2, error.Failed);
        Assert.StartsWith("recommender-api: 503", error.Reason, StringComparison.Ordinal);
        Assert.Equal(0, harness.Sandbox.Features.Counts.Held);
    }

    [Fact]
    public async Task PublishAsync_ARejectedWindow_ThrowsAPermanentFailureForItAlone()
    {
        await using var harness = await FeatureHarness.StartAsync();

        var error = await Assert.ThrowsAsync<FeaturesNotPublishedException>(() =>
            harness.Publisher.PublishAsync([Windows.Closed("rejected-u", ("art-1", 1)), Windows.Closed("u-1", ("art-1", 1))], CancellationToken.None));

        Assert.False(error.IsTransient);
        Assert.Equal(1, error.Failed);
        Assert.Contains("400 rejected", error.Reason, StringComparison.Ordinal);
        Assert.NotNull(harness.Sandbox.Features.Get("u-1", "5m", Windows.Start));
    }

    [Fact]
    public async Task PublishAsync_PublishedAndRejected_LogsCountsButNoUserKey()
    {
        using var logs = new CapturingLoggerProvider();
        await using var harness = await FeatureHarness.StartAsync(configure: services => services.AddLogging(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Debug)));
        await harness.Publisher.PublishAsync([Windows.Closed("u-5eb1c0", ("art-1", 1))], CancellationToken.None);

        await Assert.ThrowsAsync<FeaturesNotPublishedException>(() =>
            harness.Publisher.PublishAsync([Windows.Closed("rejected-5eb1c0", ("art-1", 1))], CancellationToken.None));

        Assert.Contains(3350, logs.EventIds);
        Assert.Contains(3351, logs.EventIds);
        Assert.DoesNotContain(logs.Entries, entry => entry.Message.Contains("5eb1c0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PublishAsync_ContentApiDown_ThrowsForEveryWindowAndDeliversNothing()
    {
        await using var harness = await FeatureHarness.StartAsync();
        harness.Sandbox.Knobs.ContentApi.StartOutage(503);

        var error = await Assert.ThrowsAsync<FeaturesNotPublishedException>(() =>
            harness.Publisher.PublishAsync([Windows.Closed("u-1", ("art-1", 1)), Windows.Closed("u-2", ("art-2", 1)), Windows.Closed("u-3", ("art-2", 1))], CancellationToken.None));

        Assert.True(error.IsTransient);
        Assert.Equal(3, error.Failed);
        Assert.Equal(0, harness.Sandbox.Knobs.RecommenderDelivery.TotalCalls);
    }

    [Fact]
    public async Task PublishAsync_TransientErrorsUnderTheServicePipeline_RetriedUntilDelivered()
    {
        await using var harness = await FeatureHarness.StartAsync(
            new Dictionary<string, string?>
            {
                ["Resilience:Defaults:Retry:BaseDelay"] = "00:00:00.010",
                ["Resilience:Defaults:Retry:UseJitter"] = "false",
            },
            resilience: true);
        harness.Sandbox.Knobs.RecommenderDelivery.Enqueue(ScriptedResponse.ServiceUnavailable(), times: 2);

        await harness.Publisher.PublishAsync([Windows.Closed("u-1", ("art-1", 1))], CancellationToken.None);

        Assert.Equal(3, harness.Sandbox.Knobs.RecommenderDelivery.TotalCalls);
        Assert.Equal((1, 1L), (harness.Sandbox.Features.Counts.Held, harness.Sandbox.Features.Counts.Applied));
    }

    [Fact]
    public async Task PublishAsync_NoWindows_CallsNoService()
    {
        await using var harness = await FeatureHarness.StartAsync();

        await harness.Publisher.PublishAsync([], CancellationToken.None);

        Assert.Equal((0, 0), (harness.Sandbox.Knobs.ContentApi.TotalCalls, harness.Sandbox.Knobs.RecommenderDelivery.TotalCalls));
    }

    [Theory]
    [InlineData("Windowing:TopCount", "0", "Windowing:TopCount must be between 1 and 100")]
    [InlineData("Features:CatalogCapacity", "0", "Features:CatalogCapacity must be between 1 and 10000000")]
    [InlineData("Features:CatalogEntryLifetime", "00:00:00", "Features:CatalogEntryLifetime must be between 00:00:01 and 1.00:00:00")]
    public async Task AddWindowFeatures_ValueOutOfRange_StartUpFailsNamingTheKey(string key, string value, string message)
    {
        await using var harness = await FeatureHarness.StartAsync(new Dictionary<string, string?> { [key] = value });

        Assert.Contains(StartupFailures.Of(harness.Services), failure => failure.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddWindowFeatures_ShippedConfiguration_PassesStartUpValidation()
    {
        await using var harness = await FeatureHarness.StartAsync();

        var error = Record.Exception(() => harness.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate());

        Assert.Null(error);
    }

    [Fact]
    public void AddWindowFeatures_WithoutTheDownstreamServices_SaysWhatIsMissing()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new ServiceCollection().AddWindowFeatures(RecoServicesHarness.BuildConfiguration(null, null)));

        Assert.Contains("AddRecoServices", error.Message, StringComparison.Ordinal);
    }
}
