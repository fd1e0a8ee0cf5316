using System.Net;
using Microsoft.AspNetCore.Builder;
using OpenTelemetry.Metrics;
using RecoFunctions.Sandbox;

namespace RecoFunctions.Local.Telemetry;

/// <summary>
/// The Prometheus scrape endpoint of <c>reco run --metrics-port</c>: <c>GET /metrics</c> on every interface, served by
/// Kestrel from the runtime's meter provider (which has the Prometheus exporter). Port 0 takes a free port.
/// </summary>
public sealed class MetricsEndpoint : IAsyncDisposable
{
    public const string Path = "/metrics";

    private readonly WebApplication _app;

    private MetricsEndpoint(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>Where to scrape, e.g. <c>http://0.0.0.0:9464/metrics</c>.</summary>
    public Uri Url { get; }

    /// <exception cref="IOException">The port is taken or cannot be bound.</exception>
    public static async Task<MetricsEndpoint> StartAsync(IPAddress address, int port, MeterProvider meterProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(meterProvider);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);

        var app = KestrelApp.CreateBuilder(typeof(MetricsEndpoint).Assembly.GetName().Name!, address, port).Build();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(meterProvider, predicate: null!, Path, configureBranchedPipeline: null!, optionsName: null!);
        var bound = await KestrelApp.StartAsync(app, cancellationToken).ConfigureAwait(false);
        return new MetricsEndpoint(app, new Uri(bound, Path.TrimStart('/')));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
