using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;

namespace RecoFunctions.Sandbox.Tests;

/// <summary>A plain HttpClient against a running sandbox, with the shared source-generated JSON types.</summary>
internal sealed class SandboxHttp(SandboxHost host) : IDisposable
{
    public HttpClient Client { get; } = new() { BaseAddress = host.BaseUrl };

    public async Task<(HttpResponseMessage Response, T? Body)> PostAsync<TRequest, T>(string path, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<T> responseType)
        where T : class
    {
        var response = await Client.PostAsJsonAsync(path, body, requestType);
        return (response, await ReadAsync(response, responseType));
    }

    public async Task<(HttpResponseMessage Response, T? Body)> GetAsync<T>(string path, JsonTypeInfo<T> responseType)
        where T : class
    {
        var response = await Client.GetAsync(path);
        return (response, await ReadAsync(response, responseType));
    }

    public void Dispose() => Client.Dispose();

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type)
        where T : class =>
        response.Content.Headers.ContentLength == 0 ? null : await response.Content.ReadFromJsonAsync(type);
}
