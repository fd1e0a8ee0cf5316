using System.Net;
using System.Text.Json;
using RecoFunctions.Core.Delivery;
using RecoFunctions.Sandbox.Wire;

namespace RecoFunctions.Sandbox.Tests;

public sealed class FeatureEndpointTests : SandboxEndpointTest
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task FeatureBatch_NewReplayChangedAndInvalid_AnswersAStatusPerRecordInOrder()
    {
        await SendAsync(Feature("u-1", views: 2));

        var results = await SendAsync(
            Feature("u-2", views: 1),
            Feature("u-1", views: 2),
            Feature("u-1", views: 3),
            Feature("rejected-u", views: 1),
            Feature("u-3", views: 1) with { End = Start },
            Feature("u-4", views: 1) with { Events = 5 });

        Assert.Equal(["u-2", "u-1", "u-1", "rejected-u", "u-3", "u-4"], results.Select(r => r.UserKey));
        Assert.Equal(
            [FeatureStatuses.Applied, FeatureStatuses.Unchanged, FeatureStatuses.Applied, FeatureStatuses.Rejected, FeatureStatuses.Rejected, FeatureStatuses.Rejected],
            results.Select(r => r.Status));
        Assert.Contains("reject list", results[3].Reason, StringComparison.Ordinal);
        Assert.Contains("end must be after start", results[4].Reason, StringComparison.Ordinal);
        Assert.Contains("add up to events", results[5].Reason, StringComparison.Ordinal);
        Assert.Equal(new Recording.FeatureCounts(Calls: 2, Received: 7, Applied: 3, Unchanged: 1, Rejected: 3, Overwritten: 1, Held: 2), Host.Features.Counts);
        Assert.Equal(3, Host.Features.Get("u-1", "5m", Start)!.Events);
    }

    [Fact]
    public async Task FeaturesView_HeldFeatures_SortedByUserWindowAndStartWithCountsByKind()
    {
        await SendAsync(
            Feature("u-b", views: 1),
            Feature("u-a", views: 1) with { Window = "1h" },
            Feature("u-a", views: 1) with { Start = Start.AddMinutes(-5), End = Start },
            Feature("u-a", views: 2, clicks: 1));

        var (response, view) = await Http.GetAsync("_sandbox/features", SandboxJsonContext.Default.FeaturesView);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            ["u-a 1h 10:00", "u-a 5m 09:55", "u-a 5m 10:00", "u-b 5m 10:00"],
            view!.Features.Select(f => $"{f.UserKey} {f.Window} {f.Start:HH:mm}"));
        Assert.Equal(4, view.Held);
        var body = await Http.Client.GetStringAsync("_sandbox/features");
        Assert.Contains("\"counts\":{\"click\":1,\"view\":2}", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeaturesView_SameFeaturesInOtherCallsWithReplays_SameDigest()
    {
        await SendAsync(Feature("u-1", views: 1), Feature("u-2", views: 2, clicks: 1));
        var first = await ViewAsync();
        await Http.Client.PostAsync("_sandbox/reset", null);

        await SendAsync(Feature("u-2", views: 2, clicks: 1));
        await SendAsync(Feature("u-1", views: 1), Feature("u-2", views: 2, clicks: 1));
        var second = await ViewAsync();
        await SendAsync(Feature("u-1", views: 1) with { TotalDwellMs = 1201 });
        var changed = await ViewAsync();

        Assert.NotEqual(first.Calls, second.Calls);
        Assert.Equal(first.Digest, second.Digest);
        var (_, summary) = await Http.GetAsync("_sandbox/features?summary=true", SandboxJsonContext.Default.FeaturesView);
        Assert.Equal((changed.Digest, 2, 0), (summary!.Digest, summary.Held, summary.Features.Count));
        Assert.Matches("^[0-9a-f]{64}$", first.Digest);
        Assert.NotEqual(first.Digest, changed.Digest);
    }

    [Fact]
    public async Task FeatureBatch_DuringAnOutage_Answers503AndHoldsNothing()
    {
        Host.Knobs.RecommenderDelivery.StartOutage(503, until: null);

        var response = await Http.Client.PostAsync("features/batch", Body(Feature("u-1", views: 1)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(0, Host.Features.Counts.Received);
        Assert.Empty(Host.Features.GetFeatures());
    }

    [Fact]
    public async Task FeatureCalls_EveryCall_IsRecordedWithItsOutcome()
    {
        await SendAsync(Feature("u-1", views: 1), Feature("u-2", views: 1));
        await SendAsync(Feature("u-1", views: 1), Feature("rejected-x", views: 1));

        var (_, view) = await Http.GetAsync("_sandbox/features/calls", SandboxJsonContext.Default.FeatureCallsView);

        Assert.Equal([(2, 2, 0, 0), (2, 0, 1, 1)], view!.Calls.Select(c => (c.Records, c.Applied, c.Unchanged, c.Rejected)));
    }

    [Fact]
    public async Task Reset_AfterFeatures_ForgetsThem()
    {
        await SendAsync(Feature("u-1", views: 1));

        var reset = await Http.Client.PostAsync("_sandbox/reset", null);

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(default, Host.Features.Counts);
        Assert.Null(Host.Features.Get("u-1", "5m", Start));
    }

    [Fact]
    public async Task FeatureBatch_OverTheBatchLimit_Answers400()
    {
        var records = Enumerable.Range(0, Host.Options.MaxBatchItems + 1).Select(i => Feature($"u-{i}", views: 1)).ToArray();

        var response = await Http.Client.PostAsync("features/batch", Body(records));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, Host.Features.Counts.Received);
    }

    [Fact]
    public async Task WaitFor_ConditionMetByALaterCall_Completes()
    {
        var waiting = Host.Features.WaitForAsync(c => c.Applied >= 2, CancellationToken.None);
        await SendAsync(Feature("u-1", views: 1));
        Assert.False(waiting.IsCompleted);

        await SendAsync(Feature("u-2", views: 1));

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WaitFor_Cancelled_EndsCancelledAndLaterCallsStillWork()
    {
        using var cancel = new CancellationTokenSource();
        var waiting = Host.Features.WaitForAsync(c => c.Applied >= 1, cancel.Token);

        await cancel.CancelAsync();
        await SendAsync(Feature("u-1", views: 1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, Host.Features.Counts.Applied);
    }

    private async Task<FeaturesView> ViewAsync() => (await Http.GetAsync("_sandbox/features", SandboxJsonContext.Default.FeaturesView)).Body!;

    private static FeatureRecord Feature(string user, int views, int clicks = 0) => new()
    {
        UserKey = user,
        Window = "5m",
        Start = Start,
        End = Start.AddMinutes(5),
        Events = views + clicks,
        Counts = clicks == 0 ? new Dictionary<string, int> { ["view"] = views } : new Dictionary<string, int> { ["view"] = views, ["click"] = clicks },
        DistinctContents = 1,
        TotalDwellMs = 1200,
        TopTags = ["sport"],
        TopKinds = ["video"],
    };

    private static StringContent Body(params FeatureRecord[] records) =>
        new(JsonSerializer.Serialize(new FeatureBatchRequest { Features = records }, FeatureJsonContext.Default.FeatureBatchRequest), System.Text.Encoding.UTF8, "application/json");

    private async Task<IReadOnlyList<FeatureResult>> SendAsync(params FeatureRecord[] records)
    {
        var (response, answer) = await Http.PostAsync(
            "features/batch", new FeatureBatchRequest { Features = records }, FeatureJsonContext.Default.FeatureBatchRequest, FeatureJsonContext.Default.FeatureBatchResponse);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return answer!.Results;
    }
}
