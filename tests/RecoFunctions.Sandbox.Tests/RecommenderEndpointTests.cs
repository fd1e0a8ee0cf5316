using System.Net;
using System.Net.Http.Json;
using RecoFunctions.Core.Delivery;
using RecoFunctions.Core.Enrichment;
using RecoFunctions.Core.Services;
using RecoFunctions.Sandbox.Wire;

namespace RecoFunctions.Sandbox.Tests;

public sealed class RecommenderEndpointTests : SandboxEndpointTest
{
    [Fact]
    public async Task DeliverBatch_MixedOperations_AnswersAStatusPerOperationInOrder()
    {
        await DeliverAsync(Operations.UpsertItem("held", 5));
        var request = new DeliveryBatchRequest
        {
            Operations =
            [
                Operations.UpsertItem("fresh", 1),
                Operations.UpsertItem("held", 5),
                Operations.UpsertItem("held", 4),
                Operations.UpsertItem("rejected-1", 1),
                Operations.UpsertItem("bad-version", 0),
                Operations.UpsertItem("mismatch", 1) with { Payload = new ItemPayload { ContentId = "other" } },
                Operations.UpsertItem("held", 6),
                Operations.DeleteItem("fresh", 2),
                Operations.UpsertCampaign("cmp-1", 1) with { Action = DeliveryActions.Delete },
                Operations.UpsertCampaign("cmp-2", 3),
            ],
        };

        var results = await DeliverAsync([.. request.Operations]);

        Assert.Equal(request.Operations.Select(o => o.Key), results.Select(r => r.Key));
        Assert.Equal(
            [
                DeliveryStatuses.Applied, DeliveryStatuses.Stale, DeliveryStatuses.Stale, DeliveryStatuses.Rejected, DeliveryStatuses.Rejected,
                DeliveryStatuses.Rejected, DeliveryStatuses.Applied, DeliveryStatuses.Applied, DeliveryStatuses.Rejected, DeliveryStatuses.Applied,
            ],
            results.Select(r => r.Status));
        Assert.Contains("reject list", results[3].Reason, StringComparison.Ordinal);
        Assert.Contains("version", results[4].Reason, StringComparison.Ordinal);
        Assert.Contains("contentId", results[5].Reason, StringComparison.Ordinal);
        Assert.Contains("not valid for a campaign", results[8].Reason, StringComparison.Ordinal);
        Assert.Equal(6, results[6].HeldVersion);
        Assert.Equal(0, Host.Recorder.Counts.DuplicatesApplied);
    }

    [Fact]
    public async Task SingleItemEndpoints_UpsertThenReplayThenDelete_AnswerAppliedStaleApplied()
    {
        var upsert = new DeliveryRequest { Version = 3, ProducedAt = Operations.ProducedAt, Payload = new ItemPayload { ContentId = "art-7" } };

        var first = await Http.Client.PutAsJsonAsync("items/art-7", upsert, DeliveryJsonContext.Default.DeliveryRequest);
        var replay = await Http.Client.PutAsJsonAsync("items/art-7", upsert, DeliveryJsonContext.Default.DeliveryRequest);
        var oldDelete = await Http.Client.DeleteAsync("items/art-7?version=2");
        var delete = await Http.Client.DeleteAsync("items/art-7?version=4");

        Assert.Equal(DeliveryStatuses.Applied, (await Result(first)).Status);
        Assert.Equal(DeliveryStatuses.Stale, (await Result(replay)).Status);
        Assert.Equal(DeliveryStatuses.Stale, (await Result(oldDelete)).Status);
        Assert.Equal(DeliveryStatuses.Applied, (await Result(delete)).Status);
        Assert.True(Host.Recorder.IsRemoved(DeliveryKinds.Item, "art-7"));
    }

    [Fact]
    public async Task SingleItemEndpoints_InvalidDelivery_Answers400()
    {
        var noPayload = await Http.Client.PutAsJsonAsync("items/a", new DeliveryRequest { Version = 1 }, DeliveryJsonContext.Default.DeliveryRequest);
        var noVersion = await Http.Client.DeleteAsync("items/a");

        Assert.Equal(HttpStatusCode.BadRequest, noPayload.StatusCode);
        Assert.Equal("rejected", (await noPayload.Content.ReadFromJsonAsync(ServicesJsonContext.Default.ServiceError))!.Error);
        Assert.Equal(HttpStatusCode.BadRequest, noVersion.StatusCode);
        Assert.Equal(2, Host.Recorder.Counts.Rejected);
    }

    [Fact]
    public async Task CampaignEndpoints_UpsertThenRetire_AppliesBoth()
    {
        var upsert = new DeliveryRequest { Version = 1, ProducedAt = Operations.ProducedAt, Payload = new CampaignPayload { CampaignId = "cmp-9", PlacementId = "p" } };

        var put = await Http.Client.PutAsJsonAsync("campaigns/cmp-9", upsert, DeliveryJsonContext.Default.DeliveryRequest);
        var retire = await Http.Client.PostAsJsonAsync("campaigns/cmp-9/retire", new DeliveryRequest { Version = 2, ProducedAt = Operations.ProducedAt }, DeliveryJsonContext.Default.DeliveryRequest);

        Assert.Equal(DeliveryStatuses.Applied, (await Result(put)).Status);
        Assert.Equal(DeliveryStatuses.Applied, (await Result(retire)).Status);
        Assert.True(Host.Recorder.IsRemoved(DeliveryKinds.Campaign, "cmp-9"));
    }

    [Fact]
    public async Task KnownContent_MissingAndDeletedContent_AreUnknown()
    {
        await DeliverAsync(Operations.UpsertItem("art-2", 1), Operations.DeleteItem("art-2", 2));
        var request = new KnownContentRequest { CampaignId = "cmp-1", ContentIds = ["art-1", "missing-1", "art-2"], SegmentIds = ["seg-1", "seg-2"] };

        var (response, result) = await Http.PostAsync("recommender/known-content", request, EnrichmentJsonContext.Default.KnownContentRequest, EnrichmentJsonContext.Default.KnownContentResult);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["art-1"], result!.KnownContentIds);
        Assert.Equal(["missing-1", "art-2"], result.UnknownContentIds);
        Assert.InRange(result.EstimatedReach, 2_000, 200_000);
    }

    [Fact]
    public async Task KnownContentBatch_InvalidCampaign_IsRejectedAlone()
    {
        var request = new KnownContentBatchRequest
        {
            Items = [new KnownContentRequest { CampaignId = "cmp-1", ContentIds = ["a"] }, new KnownContentRequest { CampaignId = "" }],
        };

        var (_, answer) = await Http.PostAsync("recommender/known-content/batch", request, EnrichmentJsonContext.Default.KnownContentBatchRequest, EnrichmentJsonContext.Default.KnownContentBatchResponse);

        Assert.Equal([LookupStatus.Ok, LookupStatus.Rejected], answer!.Items.Select(i => i.Status));
        Assert.Equal(["a"], answer.Items[0].Result!.KnownContentIds);
    }

    [Fact]
    public async Task Stats_AfterDeliveries_CountsThemAndLatency()
    {
        await DeliverAsync(Operations.UpsertItem("a", 1), Operations.UpsertItem("a", 1), Operations.UpsertItem("rejected-x", 1), Operations.UpsertCampaign("a", 1));

        var (response, stats) = await Http.GetAsync("_sandbox/stats", SandboxJsonContext.Default.StatsView);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, stats!.Received);
        Assert.Equal(2, stats.Applied);
        Assert.Equal(1, stats.StaleIgnored);
        Assert.Equal(1, stats.Rejected);
        Assert.Equal(0, stats.DuplicatesApplied);
        Assert.Equal(3, stats.DistinctKeys);
        Assert.Equal(2, stats.Latency.Count);
        Assert.True(stats.Latency.MaxMs > 0);
        Assert.Equal(1, stats.Services["recommender-delivery"].Endpoints["POST /deliveries/batch"]);
    }

    [Fact]
    public async Task Deliveries_ForAKey_ListsWhatWasReceived()
    {
        await DeliverAsync(Operations.UpsertItem("k", 2), Operations.UpsertItem("k", 1), Operations.UpsertCampaign("k", 1));

        var (_, view) = await Http.GetAsync("_sandbox/deliveries?key=k", SandboxJsonContext.Default.DeliveriesView);
        var (_, items) = await Http.GetAsync("_sandbox/deliveries?key=k&kind=item", SandboxJsonContext.Default.DeliveriesView);

        Assert.Equal(2, view!.HeldItemVersion);
        Assert.Equal(1, view.HeldCampaignVersion);
        Assert.Equal(3, view.Deliveries.Count);
        Assert.Equal([DeliveryStatuses.Applied, DeliveryStatuses.Stale], items!.Deliveries.Select(d => d.Status));
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.Client.GetAsync("_sandbox/deliveries")).StatusCode);
    }

    private async Task<IReadOnlyList<DeliveryResult>> DeliverAsync(params DeliveryOperation[] operations)
    {
        var (response, answer) = await Http.PostAsync(
            "deliveries/batch",
            new DeliveryBatchRequest { Operations = operations },
            DeliveryJsonContext.Default.DeliveryBatchRequest,
            DeliveryJsonContext.Default.DeliveryBatchResponse);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return answer!.Results;
    }

    private static async Task<DeliveryResult> Result(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync(DeliveryJsonContext.Default.DeliveryResult))!;
    }
}
