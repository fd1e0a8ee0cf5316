using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using RecoFunctions.Core.Delivery;
using RecoFunctions.Core.Enrichment;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Benchmarks;

/// <summary>
/// The content API and the recommender's delivery endpoint in memory: each distinct request body is answered once
/// from canned JSON (every content found, every operation applied) and the same bytes are replayed afterwards, so the
/// handler costs a body read and a lookup.
/// </summary>
internal sealed class CannedServicesHandler : HttpMessageHandler
{
    private static readonly ContentDocument CannedContent = new()
    {
        Kind = "article",
        Title = "Canned content",
        Summary = "A content answered from memory.",
        Body = Utf8Text.From(string.Join(' ', Enumerable.Repeat("word", 60))),
        Author = "Newsroom",
        Category = "news",
        Locale = "en-GB",
        ImageUrl = "https://img.example/canned.jpg",
        WordCount = 60,
        Tags = ["canned", "benchmark"],
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };

    private readonly ConcurrentDictionary<string, byte[]> _answers = new(StringComparer.Ordinal);

    public long Calls { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Calls++;
        var path = request.RequestUri!.AbsolutePath;
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var answer = _answers.GetOrAdd(path + "\n" + body, static (_, state) => Answer(state.path, state.body), (path, body));
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new ByteArrayContent(answer) { Headers = { { "Content-Type", "application/json" } } },
        };
    }

    private static byte[] Answer(string path, string body)
    {
        if (path.EndsWith("/contents/batch", StringComparison.Ordinal))
        {
            var request = JsonSerializer.Deserialize(body, EnrichmentJsonContext.Default.ContentBatchRequest)!;
            var response = new ContentBatchResponse
            {
                Items = [.. request.Items.Select(item => new ContentBatchItem
                {
                    ContentId = item.ContentId,
                    Version = item.Version,
                    Status = LookupStatus.Ok,
                    Content = CannedContent with { ContentId = item.ContentId, Version = item.Version },
                })],
            };
            return JsonSerializer.SerializeToUtf8Bytes(response, EnrichmentJsonContext.Default.ContentBatchResponse);
        }

        if (path.EndsWith("/deliveries/batch", StringComparison.Ordinal))
        {
            var request = JsonSerializer.Deserialize(body, DeliveryJsonContext.Default.DeliveryBatchRequest)!;
            var response = new DeliveryBatchResponse
            {
                Results = [.. request.Operations.Select(operation => new DeliveryResult
                {
                    Key = operation.Key,
                    Version = operation.Version,
                    Status = DeliveryStatuses.Applied,
                    HeldVersion = operation.Version,
                })],
            };
            return JsonSerializer.SerializeToUtf8Bytes(response, DeliveryJsonContext.Default.DeliveryBatchResponse);
        }

        throw new InvalidOperationException($"No canned answer for {path}.");
    }
}
