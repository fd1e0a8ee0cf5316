using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using RecoFunctions.Core.Resilience;
using RecoFunctions.Core.Services;
using RecoFunctions.Sandbox.Endpoints;
using RecoFunctions.Sandbox.Knobs;
using RecoFunctions.Sandbox.Recording;

namespace RecoFunctions.Sandbox;

/// <summary>
/// The content, placement and recommender services on one Kestrel listener (loopback, any free port by default),
/// with knobs to make them slow or failing and a recorder of everything delivered. Logging is off: it is meant to
/// take benchmark load in the same process.
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SandboxState _state;
    private int _disposed;

    private SandboxHost(WebApplication app, SandboxState state, Uri baseUrl)
    {
        _app = app;
        _state = state;
        BaseUrl = baseUrl;
        ServiceUrls = new Dictionary<string, Uri>(StringComparer.Ordinal)
        {
            [ServiceNames.ContentApi] = baseUrl,
            [ServiceNames.PlacementApi] = baseUrl,
            [ServiceNames.RecommenderApi] = baseUrl,
        };
    }

    /// <summary>Where all services listen, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; }

    public Uri ContentApiUrl => BaseUrl;

    public Uri PlacementApiUrl => BaseUrl;

    /// <summary>Both the recommender's query API and its delivery API.</summary>
    public Uri RecommenderApiUrl => BaseUrl;

    /// <summary>Base URLs by service name (<see cref="ServiceNames"/>).</summary>
    public IReadOnlyDictionary<string, Uri> ServiceUrls { get; }

    public SandboxOptions Options => _state.Options;

    public TimeProvider TimeProvider => _state.TimeProvider;

    public SandboxKnobs Knobs => _state.Knobs;

    public DeliveryRecorder Recorder => _state.Recorder;

    /// <summary>The windowed features delivered to the recommender (<c>POST /features/batch</c>).</summary>
    public FeatureRecorder Features => _state.Features;

    /// <summary>Configuration entries that point the pipeline at this sandbox: <c>Services:&lt;service&gt;:BaseUrl</c> (and the API key, if one is required).</summary>
    public IReadOnlyDictionary<string, string?> ServiceConfiguration()
    {
        var entries = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (service, url) in ServiceUrls)
        {
            var prefix = $"{ServiceEndpointOptions.SectionName}:{service}:";
            entries[prefix + nameof(ServiceEndpointOptions.BaseUrl)] = url.ToString();
            if (Options.ApiKey is not null)
            {
                entries[prefix + nameof(ServiceEndpointOptions.ApiKeyHeader)] = Options.ApiKeyHeader;
                entries[prefix + nameof(ServiceEndpointOptions.ApiKey)] = Options.ApiKey;
            }
        }

        return entries;
    }

    public static Task<SandboxHost> StartAsync(SandboxOptions options, CancellationToken cancellationToken) =>
        StartAsync(options, TimeProvider.System, cancellationToken);

    /// <param name="options">Where to listen and how to behave at first.</param>
    /// <param name="timeProvider">The clock of delivery receive times, outage ends and injected latency (tests pass a manual one).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<SandboxHost> StartAsync(SandboxOptions options, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        var state = new SandboxState(options, timeProvider);

        var builder = KestrelApp.CreateBuilder(typeof(SandboxHost).Assembly.GetName().Name!, IPAddress.Parse(options.Host), options.Port);
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging();

        var app = builder.Build();
        ContentEndpoints.Map(app, state);
        PlacementEndpoints.Map(app, state);
        RecommenderApiEndpoints.Map(app, state);
        DeliveryEndpoints.Map(app, state);
        FeatureEndpoints.Map(app, state);
        ControlEndpoints.Map(app, state);

        return new SandboxHost(app, state, await KestrelApp.StartAsync(app, cancellationToken).ConfigureAwait(false));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
