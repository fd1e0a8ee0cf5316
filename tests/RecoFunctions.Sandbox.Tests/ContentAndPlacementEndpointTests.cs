using System.Net;
using RecoFunctions.Core.Enrichment;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Sandbox.Tests;

public sealed class ContentAndPlacementEndpointTests() : SandboxEndpointTest(new SandboxOptions { ContentBodyWords = 12 })
{
    [Fact]
    public async Task GetContent_AnyId_ReturnsTheSameFullContentEveryTime()
    {
        var (response, first) = await Http.GetAsync("contents/art-1?version=7", EnrichmentJsonContext.Default.ContentDocument);
        var (_, second) = await Http.GetAsync("contents/art-1?version=7", EnrichmentJsonContext.Default.ContentDocument);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(first);
        Assert.Equal("art-1", first.ContentId);
        Assert.Equal(7, first.Version);
        Assert.Equal(12, first.Body!.ToString().Split(' ').Length);
        Assert.Equal(12, first.WordCount);
        Assert.False(string.IsNullOrEmpty(first.Author));
        Assert.False(string.IsNullOrEmpty(first.Summary));
        Assert.StartsWith("https://", first.ImageUrl, StringComparison.Ordinal);
        Assert.Equal(first with { Tags = null }, second! with { Tags = null });
        Assert.Equal(first.Tags, second.Tags);
    }

    [Fact]
    public async Task GetContent_MissingPrefix_Returns404WithError()
    {
        var (response, error) = await Http.GetAsync("contents/missing-9", ServicesJsonContext.Default.ServiceError);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("notFound", error!.Error);
        Assert.Contains("missing-9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetContent_BadVersion_Returns400()
    {
        var response = await Http.Client.GetAsync("contents/art-1?version=abc");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task GetContentBatch_MixedIds_AnswersEachInOrder()
    {
        var request = new ContentBatchRequest { Items = [new("art-1", 1), new("missing-2", 1), new("art-3", 0), new("art-1", 2)] };

        var (response, answer) = await Http.PostAsync("contents/batch", request, EnrichmentJsonContext.Default.ContentBatchRequest, EnrichmentJsonContext.Default.ContentBatchResponse);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["art-1", "missing-2", "art-3", "art-1"], answer!.Items.Select(i => i.ContentId));
        Assert.Equal([LookupStatus.Ok, LookupStatus.NotFound, LookupStatus.Rejected, LookupStatus.Ok], answer.Items.Select(i => i.Status));
        Assert.Equal(2, answer.Items[3].Content!.Version);
        Assert.Null(answer.Items[1].Content);
    }

    [Fact]
    public async Task GetContentBatch_OverTheLimit_Returns400()
    {
        await using var host = await SandboxHost.StartAsync(new SandboxOptions { MaxBatchItems = 2 }, CancellationToken.None);
        using var http = new SandboxHttp(host);
        var request = new ContentBatchRequest { Items = [new("a", 1), new("b", 1), new("c", 1)] };

        var (response, error) = await http.PostAsync("contents/batch", request, EnrichmentJsonContext.Default.ContentBatchRequest, ServicesJsonContext.Default.ServiceError);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("batchTooLarge", error!.Error);
    }

    [Fact]
    public async Task GetContentBatch_NotJson_Returns400()
    {
        using var content = new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json");

        var response = await Http.Client.PostAsync("contents/batch", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task GetPlacement_KnownAndUnknown_Answers200And404()
    {
        var (found, placement) = await Http.GetAsync("placements/home-hero", EnrichmentJsonContext.Default.PlacementDocument);
        var missing = await Http.Client.GetAsync("placements/unknown-1");

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal("home-hero", placement!.PlacementId);
        Assert.InRange(placement.Slots, 1, 6);
        Assert.Equal(placement.Slots * 4, placement.MaxItems);
        Assert.False(string.IsNullOrEmpty(placement.Surface));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task GetPlacementBatch_MixedIds_AnswersEachInOrder()
    {
        var request = new PlacementBatchRequest { PlacementIds = ["home-hero", "unknown-x", "article-rail"] };

        var (_, answer) = await Http.PostAsync("placements/batch", request, EnrichmentJsonContext.Default.PlacementBatchRequest, EnrichmentJsonContext.Default.PlacementBatchResponse);

        Assert.Equal([LookupStatus.Ok, LookupStatus.NotFound, LookupStatus.Ok], answer!.Items.Select(i => i.Status));
        Assert.Equal(request.PlacementIds, answer.Items.Select(i => i.PlacementId));
    }
}
