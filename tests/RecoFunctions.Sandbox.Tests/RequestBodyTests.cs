using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RecoFunctions.Core.Delivery;
using RecoFunctions.Core.Enrichment;
using RecoFunctions.Core.Services;
using RecoFunctions.Sandbox.Catalog;

namespace RecoFunctions.Sandbox.Tests;

/// <summary>
/// The services read bodies as the contract's types, members a body leaves out as null, and write some answers
/// directly: the answers stay the contract's.
/// </summary>
public sealed class RequestBodyTests() : SandboxEndpointTest(Options)
{
    private static readonly SandboxOptions Options = new() { ContentBodyWords = 7 };

    [Fact]
    public async Task GetContentBatch_MixedItems_AnswersWhatSerialisingTheContractAnswerWrites()
    {
        var response = await PostAsync(
            "contents/batch",
            """{"items":[{"contentId":"art-1","version":2},{"contentId":"missing-1","version":1},{"contentId":"art-2","version":0},{"version":0},{"contentId":"<é>","version":4}]}""");
        var catalog = new ContentCatalog(Options);
        var expected = new ContentBatchResponse
        {
            Items =
            [
                new ContentBatchItem { ContentId = "art-1", Version = 2, Status = LookupStatus.Ok, Content = catalog.Create("art-1", 2) },
                new ContentBatchItem { ContentId = "missing-1", Version = 1, Status = LookupStatus.NotFound, Message = "content 'missing-1' does not exist" },
                new ContentBatchItem { ContentId = "art-2", Version = 0, Status = LookupStatus.Rejected, Message = "version must be at least 1" },
                new ContentBatchItem { ContentId = null!, Version = 0, Status = LookupStatus.Rejected, Message = "version must be at least 1" },
                new ContentBatchItem { ContentId = "<é>", Version = 4, Status = LookupStatus.Ok, Content = catalog.Create("<é>", 4) },
            ],
        };

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(JsonSerializer.Serialize(expected, EnrichmentJsonContext.Default.ContentBatchResponse), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DeliverBatch_PayloadWithEveryMember_IsApplied()
    {
        var response = await PostAsync(
            "deliveries/batch",
            """
            {"operations":[
              {"kind":"item","action":"upsert","key":"art-1","version":1,"producedAt":"2026-11-21T09:00:00Z","payload":{"type":"item","contentId":"art-1","kind":"video","title":"\u00e9t\u00e9 \"q\"","summary":"s","body":"b","author":"a","category":"c","locale":"en-GB","sourceUrl":"https://x.invalid/","imageUrl":"https://y.invalid/","wordCount":3,"tags":["t",null],"publishedAt":"2026-11-20T09:00:00+01:00","unknown":{"a":[1]}}},
              {"kind":"campaign","action":"upsert","key":"cmp-1","version":1,"producedAt":"2026-11-21T09:00:00Z","payload":{"campaignId":"cmp-1","type":"campaign","name":"n","placementId":"p","surface":"home","slots":2,"maxItems":8,"contentIds":["art-1"],"knownContentIds":null,"segmentIds":[],"estimatedReach":5,"priority":1,"startAt":null,"endAt":"2026-12-01T00:00:00Z"}}
            ]}
            """);

        var answer = await response.Content.ReadFromJsonAsync(DeliveryJsonContext.Default.DeliveryBatchResponse);

        Assert.Equal([DeliveryStatuses.Applied, DeliveryStatuses.Applied], answer!.Results.Select(r => r.Status));
        Assert.True(Host.Recorder.IsLive(DeliveryKinds.Item, "art-1"));
        Assert.True(Host.Recorder.IsLive(DeliveryKinds.Campaign, "cmp-1"));
    }

    [Theory]
    [InlineData("\"title\":5")]
    [InlineData("\"body\":\"\\ud800\"")]
    [InlineData("\"tags\":[\"a\",1]")]
    [InlineData("\"wordCount\":\"3\"")]
    public async Task DeliverBatch_PayloadMemberOfTheWrongType_Answers400AsTheContractReadsIt(string member)
    {
        var body = $$$"""{"operations":[{"kind":"item","action":"upsert","key":"art-1","version":1,"payload":{"type":"item","contentId":"art-1",{{{member}}}}}]}""";
        var contractMessage = ContractReadError(body, DeliveryJsonContext.Default.DeliveryBatchRequest);

        var response = await PostAsync("deliveries/batch", body);

        var error = await response.Content.ReadFromJsonAsync(ServicesJsonContext.Default.ServiceError);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalidRequest", error!.Error);
        Assert.Equal($"the body is not valid: {contractMessage}", error.Message);
        Assert.Equal(0, Host.Recorder.Counts.Received);
    }

    [Theory]
    [InlineData("{\"items\":[]} x")]
    [InlineData("{\"items\":[{\"contentId\":1}]}")]
    public async Task GetContentBatch_NotTheContractsShape_Answers400AsTheContractReadsIt(string body)
    {
        var contractMessage = ContractReadError(body, EnrichmentJsonContext.Default.ContentBatchRequest);

        var response = await PostAsync("contents/batch", body);

        var error = await response.Content.ReadFromJsonAsync(ServicesJsonContext.Default.ServiceError);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"the body is not valid: {contractMessage}", error!.Message);
    }

    [Fact]
    public async Task KnownContentBatch_ItemWithoutCampaignId_IsRejectedAndAnsweredWithoutOne()
    {
        var response = await PostAsync("recommender/known-content/batch", """{"items":[{"contentIds":["art-1"],"segmentIds":[]}]}""");

        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var item = Assert.Single(answer.RootElement.GetProperty("items").EnumerateArray().ToArray());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(LookupStatus.Rejected, item.GetProperty("status").GetString());
        Assert.Equal("campaignId is required", item.GetProperty("message").GetString());
        Assert.False(item.TryGetProperty("campaignId", out _));
    }

    [Theory]
    [InlineData("deliveries/batch")]
    [InlineData("contents/batch")]
    [InlineData("recommender/known-content/batch")]
    public async Task Batch_BodyWithoutItsList_FailsTheCall(string path)
    {
        var response = await PostAsync(path, "{}");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(0, Host.Recorder.Counts.Received);
    }

    /// <summary>What reading <paramref name="json"/> as the contract type says is wrong with it.</summary>
    private static string ContractReadError<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> contract)
    {
        var exception = Assert.ThrowsAny<System.Text.Json.JsonException>(() => System.Text.Json.JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(json), contract));
        return exception.Message;
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string json)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        return await Http.Client.PostAsync(path, content);
    }
}
