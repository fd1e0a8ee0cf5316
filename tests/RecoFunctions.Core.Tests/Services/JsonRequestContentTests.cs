using System.Text.Json;
using RecoFunctions.Core.Delivery;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Core.Tests.Services;

public sealed class JsonRequestContentTests
{
    [Fact]
    public async Task Create_LargeBody_SendsWhatTheGeneratedSerializerWrites()
    {
        // Far beyond the first buffer, so that the pooled buffer has to grow.
        var request = new DeliveryBatchRequest
        {
            Operations = [.. Enumerable.Range(1, 300).Select(i => new DeliveryOperation
            {
                Kind = DeliveryKinds.Item,
                Action = DeliveryActions.Upsert,
                Key = $"art-{i}",
                Version = i,
                ProducedAt = DateTimeOffset.UnixEpoch.AddSeconds(i),
                Payload = new ItemPayload { ContentId = $"art-{i}", Title = "Tïtle \"quoted\" <b>", Body = Utf8Text.From("Bödy \"quoted\" <b>\n" + new string('w', 200)), Tags = ["a", "b"], WordCount = i },
            })],
        };
        var expected = JsonSerializer.SerializeToUtf8Bytes(request, DeliveryJsonContext.Default.DeliveryBatchRequest);

        using var content = JsonRequestContent.Create(request, DeliveryJsonContext.Default.DeliveryBatchRequest);

        Assert.Equal(expected, await content.ReadAsByteArrayAsync());
        Assert.Equal(expected.Length, content.Headers.ContentLength);
        Assert.Equal("application/json", content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", content.Headers.ContentType?.CharSet);
    }

    [Fact]
    public async Task CopyTo_Twice_SendsTheSameBodyAgain()
    {
        // A retry of the resilience pipeline sends the same request, and so the same content, once more.
        var request = new DeliveryBatchRequest
        {
            Operations = [new DeliveryOperation { Kind = DeliveryKinds.Item, Action = DeliveryActions.Delete, Key = "art-1", Version = 2 }],
        };
        using var content = JsonRequestContent.Create(request, DeliveryJsonContext.Default.DeliveryBatchRequest);
        using var first = new MemoryStream();
        using var second = new MemoryStream();

        await content.CopyToAsync(first);
        await content.CopyToAsync(second);

        Assert.Equal(first.ToArray(), second.ToArray());
        var sent = JsonSerializer.Deserialize(second.ToArray(), DeliveryJsonContext.Default.DeliveryBatchRequest)!;
        Assert.Equal("art-1", Assert.Single(sent.Operations).Key);
    }
}
