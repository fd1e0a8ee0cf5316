using Microsoft.Extensions.DependencyInjection;
using RecoFunctions.Core.CircuitState;
using RecoFunctions.Core.Enrichment;
using RecoFunctions.Core.Resilience;
using RecoFunctions.Core.Windowing;
using RecoFunctions.Sandbox;
using RecoFunctions.Testing;

namespace RecoFunctions.Core.Tests.Windowing;

/// <summary>A sandbox on loopback and <c>AddRecoServices</c> + <c>AddWindowFeatures</c> against it.</summary>
internal sealed class FeatureHarness : IAsyncDisposable
{
    private readonly RecoServicesHarness _inner;

    private FeatureHarness(RecoServicesHarness inner)
    {
        _inner = inner;
    }

    public SandboxHost Sandbox => _inner.Sandbox;

    public IServiceProvider Services => _inner.Services;

    public IClosedWindowPublisher Publisher => Services.GetRequiredService<IClosedWindowPublisher>();

    public ContentCatalog Catalog => Services.GetRequiredService<ContentCatalog>();

    /// <param name="settings">Configuration over the repository's appsettings.json and the sandbox's URLs.</param>
    /// <param name="time">The clock of the services (the catalog's expiry); the system clock when null.</param>
    /// <param name="resilience">Use the configured resilience pipelines (<c>AddRecoResilience</c>) instead of single attempts.</param>
    /// <param name="configure">More registrations, after the features'.</param>
    public static async Task<FeatureHarness> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? time = null, bool resilience = false, Action<IServiceCollection>? configure = null)
    {
        settings ??= new Dictionary<string, string?>();
        var inner = await RecoServicesHarness.StartAsync(settings, configureServices: services =>
        {
            var configuration = RecoServicesHarness.BuildConfiguration(null, settings);
            if (time is not null)
            {
                services.AddSingleton(time);
            }

            if (resilience)
            {
                services.AddSingleton<IServicePipelineProvider>(provider => provider.GetRequiredService<ServicePipelineProvider>());
                services.AddRecoResilience(configuration);
            }

            services.AddWindowFeatures(configuration);
            configure?.Invoke(services);
        });
        return new FeatureHarness(inner);
    }

    /// <summary>What the content API answers for the unversioned content (version 1), read over HTTP.</summary>
    public async Task<ContentDocument> ContentAsync(string contentId)
    {
        using var http = new HttpClient { BaseAddress = Sandbox.ContentApiUrl };
        var response = await http.GetAsync(new Uri($"contents/{contentId}?version=1", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return (await System.Text.Json.JsonSerializer.DeserializeAsync(
            await response.Content.ReadAsStreamAsync(), EnrichmentJsonContext.Default.ContentDocument))!;
    }

    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
