using Microsoft.Extensions.Configuration;

namespace RecoFunctions.Core.Telemetry;

/// <summary>
/// Which signals go to an OTLP collector, from the standard keys (environment variables or configuration):
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, or per signal <c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c> /
/// <c>OTEL_EXPORTER_OTLP_METRICS_ENDPOINT</c>. Without any, OTLP export is off (no connection errors from a missing collector).
/// </summary>
public sealed record OtlpEndpoints(bool Traces, bool Metrics)
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string TracesEndpointKey = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
    public const string MetricsEndpointKey = "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT";

    private static readonly string[] Keys = [EndpointKey, TracesEndpointKey, MetricsEndpointKey];

    public bool Any => Traces || Metrics;

    public static OtlpEndpoints From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var shared = IsSet(configuration, EndpointKey);
        return new OtlpEndpoints(shared || IsSet(configuration, TracesEndpointKey), shared || IsSet(configuration, MetricsEndpointKey));
    }

    /// <summary>One line per key set to something other than an absolute http(s) URL, naming the key.</summary>
    public static IEnumerable<string> Problems(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var key in Keys)
        {
            var value = configuration[key];
            if (IsSet(configuration, key) && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
            {
                yield return $"{key} is '{value}', not an absolute http or https URL (e.g. http://collector:4317).";
            }
        }
    }

    private static bool IsSet(IConfiguration configuration, string key) => !string.IsNullOrWhiteSpace(configuration[key]);
}
