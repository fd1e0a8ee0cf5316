using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RecoFunctions.Sandbox;

namespace RecoFunctions.Local.Tests.Telemetry;

/// <summary>A stand-in collector on loopback: keeps the body of every OTLP/HTTP export by path (<c>/v1/traces</c>, <c>/v1/metrics</c>).</summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public ConcurrentQueue<(string Path, byte[] Body)> Exports { get; } = new();

    public static async Task<OtlpReceiver> StartAsync()
    {
        var app = KestrelApp.CreateBuilder(nameof(OtlpReceiver), IPAddress.Loopback, 0).Build();
        OtlpReceiver? receiver = null;
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            receiver!.Exports.Enqueue((context.Request.Path.Value ?? string.Empty, body.ToArray()));
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
        receiver = new OtlpReceiver(app, await KestrelApp.StartAsync(app, CancellationToken.None));
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
