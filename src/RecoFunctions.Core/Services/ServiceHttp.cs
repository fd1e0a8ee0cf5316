using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RecoFunctions.Core.Services;

/// <summary>JSON over HTTP for the typed clients: bodies serialised once (so a retry can resend them), errors thrown as <see cref="ServiceCallException"/>.</summary>
internal static class ServiceHttp
{
    public static HttpContent Json<T>(T body, JsonTypeInfo<T> type) => JsonRequestContent.Create(body, type);

    /// <summary>
    /// The address of a fixed endpoint, resolved against the client's base address once: a request with an absolute
    /// address skips parsing and combining it again on every call.
    /// </summary>
    public static Uri Endpoint(HttpClient client, string path) =>
        client.BaseAddress is { } baseAddress ? new Uri(baseAddress, path) : new Uri(path, UriKind.Relative);

    public static Task<TResponse> SendAsync<TResponse>(
        HttpClient client,
        string service,
        TimeProvider timeProvider,
        HttpMethod method,
        string path,
        HttpContent? content,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
        where TResponse : class =>
        SendAsync(client, service, timeProvider, method, new Uri(path, UriKind.RelativeOrAbsolute), content, responseType, cancellationToken);

    public static async Task<TResponse> SendAsync<TResponse>(
        HttpClient client,
        string service,
        TimeProvider timeProvider,
        HttpMethod method,
        Uri address,
        HttpContent? content,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
        where TResponse : class
    {
        using var request = new HttpRequestMessage(method, address) { Content = content };
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
