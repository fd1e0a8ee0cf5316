using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RecoFunctions.Core.Services;

/// <summary>JSON over HTTP for the typed clients: bodies serialised once (so a retry can resend them), errors thrown as <see cref="ServiceCallException"/>.</summary>
internal static class ServiceHttp
{
    public static HttpContent Json<T>(T body, JsonTypeInfo<T> type) =>
        new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, type))
        {
            Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } },
        };

    public static async Task<TResponse> SendAsync<TResponse>(
        HttpClient client,
        string service,
        TimeProvider timeProvider,
        HttpMethod method,
        string path,
        HttpContent? content,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
        where TResponse : class
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ServiceCallException.FromResponseAsync(service, response, timeProvider, cancellationToken).ConfigureAwait(false);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync(stream, responseType, cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException($"{service} answered with an empty body.");
        }
    }
}
