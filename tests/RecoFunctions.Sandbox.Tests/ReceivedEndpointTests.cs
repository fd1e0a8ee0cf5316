using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RecoFunctions.Core.Delivery;

namespace RecoFunctions.Sandbox.Tests;

public sealed class ReceivedEndpointTests : SandboxEndpointTest
{
    [Fact]
    public async Task Received_AppliedStaleAndRejected_ListsAppliedAndStaleVersionsPerKey()
    {
        var response = await Http.Client.PostAsJsonAsync(
            "deliveries/batch",
            new DeliveryBatchRequest
            {
                Operations =
                [
                    Operations.UpsertItem("a", 1), Operations.UpsertItem("a", 3), Operations.UpsertItem("a", 2),
                    Operations.UpsertItem("a", 3), Operations.UpsertCampaign("a", 7), Operations.UpsertItem("rejected-1", 1),
                ],
            },
            DeliveryJsonContext.Default.DeliveryBatchRequest);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var all = await ReceivedAsync("_sandbox/received");
        var items = await ReceivedAsync("_sandbox/received?kind=item");

        Assert.Equal(
            ["campaign a held 7: [[7,7]]", "item a held 3: [[1,3]]"],
            all.Order(StringComparer.Ordinal));
        Assert.Equal(["item a held 3: [[1,3]]"], items);
        Assert.True(Host.Recorder.WasReceived(DeliveryKinds.Item, "a", 2));
        Assert.False(Host.Recorder.WasApplied(DeliveryKinds.Item, "a", 2));
    }

    private async Task<List<string>> ReceivedAsync(string path)
    {
        using var response = await Http.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        return
        [
            .. body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                return $"{root.GetProperty("kind").GetString()} {root.GetProperty("key").GetString()} held {root.GetProperty("held").GetInt64()}: " +
                    root.GetProperty("versions").GetRawText();
            }),
        ];
    }
}
