using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RecoFunctions.Core.Services;

/// <summary>
/// JSON over HTTP for one service's typed client: bodies serialised once (so a retry can resend them), answers read
/// straight from the response stream, errors thrown as <see cref="ServiceCallException"/>.
/// </summary>
internal sealed class ServiceHttp(HttpClient client, string service, TimeProvider timeProvider)
{
    /// <summary>
    /// The address of a fixed endpoint, resolved against the client's base address once: a request with an absolute
    /// address skips parsing and combining it again on every call.
    /// </summary>
    public Uri Endpoint(string path) =>
        client.BaseAddress is { } baseAddress ? new Uri(baseAddress, path) : new Uri(path, UriKind.Relative);

    public Task<TResponse> GetAsync<TResponse>(string path, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
        where TResponse : class =>
        SendAsync(HttpMethod.Get, path, null, responseType, cancellationToken);

    public Task<TResponse> PostAsync<TRequest, TResponse>(
        Uri address, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
        where TResponse : class =>
        SendAsync(HttpMethod.Post, address, JsonRequestContent.Create(body, requestType), responseType, cancellationToken);

    public Task<TResponse> SendAsync<TResponse>(
        HttpMethod method, string path, HttpContent? content, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
        where TResponse : class =>
        SendAsync(method, new Uri(path, UriKind.RelativeOrAbsolute), content, responseType, cancellationToken);

    public async Task<TResponse> SendAsync<TResponse>(
        HttpMethod method, Uri address, HttpContent? content, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
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
