using System.Net.Http.Json;
using RecoFunctions.Local.Accounting;
using RecoFunctions.Local.Cli.Sandbox;
using RecoFunctions.Local.Cli.Shared;
using RecoFunctions.Sandbox.Wire;

namespace RecoFunctions.Local.Bench;

/// <summary>The bench's hold on the sandbox process, through its <c>/_sandbox</c> endpoints: reset per phase, latency, what the recommender received.</summary>
internal sealed class RemoteSandbox : IDisposable
{
    private readonly HttpClient _http;
    private readonly SandboxRecommenderClient _recommender;

    public RemoteSandbox(Uri url)
    {
        _http = SandboxControl.Client(url);
        _http.Timeout = TimeSpan.FromSeconds(60);
        _recommender = new SandboxRecommenderClient(_http);
    }

    /// <summary>Back to start-up behaviour with nothing recorded, then <paramref name="latency"/> on every call of every service.</summary>
    public async Task ResetAsync(TimeSpan latency, CancellationToken cancellationToken)
    {
        using (var reset = await _http.PostAsync("_sandbox/reset", content: null, cancellationToken).ConfigureAwait(false))
        {
            reset.EnsureSuccessStatusCode();
        }

        var update = new KnobsUpdate { Service = "all", LatencyMs = latency.TotalMilliseconds };
        using var knobs = await _http.PostAsJsonAsync("_sandbox/knobs", update, SandboxJsonContext.Default.KnobsUpdate, cancellationToken).ConfigureAwait(false);
        knobs.EnsureSuccessStatusCode();
    }

    /// <summary>Produce timestamp to recommender receipt of the deliveries applied since the last reset, from the sandbox recorder's histogram.</summary>
    public async Task<LatencyFigures> LatencyAsync(CancellationToken cancellationToken)
    {
        var stats = await _http.GetFromJsonAsync("_sandbox/stats", SandboxJsonContext.Default.StatsView, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("GET /_sandbox/stats answered null");
        var latency = stats.Latency;
        return new LatencyFigures(latency.Count, Math.Round(latency.P50Ms, 3), Math.Round(latency.P95Ms, 3), Math.Round(latency.P99Ms, 3), Math.Round(latency.MaxMs, 3));
    }

    /// <summary>The whole percentile curve of the same histogram as <see cref="LatencyAsync"/>.</summary>
    public async Task<IReadOnlyList<Core.Diagnostics.PercentilePoint>> LatencyCurveAsync(CancellationToken cancellationToken)
    {
        var stats = await _http.GetFromJsonAsync("_sandbox/stats", SandboxJsonContext.Default.StatsView, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("GET /_sandbox/stats answered null");
        return stats.Latency.Curve;
    }

    public Task<RecommenderSnapshot> SnapshotAsync(CancellationToken cancellationToken) => _recommender.GetSnapshotAsync(cancellationToken);

    public void Dispose() => _http.Dispose();
}
