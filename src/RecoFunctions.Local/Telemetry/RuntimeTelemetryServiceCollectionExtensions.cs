using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RecoFunctions.Core.Telemetry;

namespace RecoFunctions.Local.Telemetry;

public static class RuntimeTelemetryServiceCollectionExtensions
{
    /// <summary>Service name in exported telemetry unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string ServiceName = "reco";

    /// <summary>Traces kept of those started here when <c>Telemetry:TraceSampleRatio</c> is unset: all (a self-hosted runtime is usually watched closely).</summary>
    public const double DefaultTraceSampleRatio = 1.0;

    /// <summary>
    /// OpenTelemetry for the self-hosted runtime: the <see cref="RecoTelemetry.Name"/> meter to OTLP when an endpoint is
    /// configured (<see cref="OtlpEndpoints"/>) and to a Prometheus scrape endpoint when <paramref name="prometheus"/>; the
    /// batch and service-call spans with the outgoing HTTP calls to OTLP when a traces endpoint is configured. Nothing is
    /// registered beyond the options when neither applies. Providers start with the hosted services.
    /// </summary>
    public static IServiceCollection AddRecoRuntimeTelemetry(this IServiceCollection services, IConfiguration configuration, bool prometheus)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddRecoTelemetryOptions(configuration);
        var otlp = OtlpEndpoints.From(configuration);
        if (!otlp.Any && !prometheus)
        {
            return services;
        }

        // The SDK reads OTEL_SERVICE_NAME itself; a name added here would override it.
        var named = !string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"]);
        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource =>
        {
            if (!named)
            {
                resource.AddService(ServiceName);
            }
        });
        if (otlp.Metrics || prometheus)
        {
            telemetry.WithMetrics(metrics =>
            {
                metrics.AddRecoMetrics();
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp.Metrics)
                {
                    metrics.AddOtlpExporter();
                }
            });
        }

        if (otlp.Traces)
        {
            telemetry.WithTracing(tracing => AddRecoTracing(tracing).AddOtlpExporter());
        }

        return services;
    }

    /// <summary>The pipeline's spans and the HTTP calls under them, sampled where a trace starts (<see cref="DefaultTraceSampleRatio"/>).</summary>
    public static TracerProviderBuilder AddRecoTracing(TracerProviderBuilder tracing)
    {
        ArgumentNullException.ThrowIfNull(tracing);
        return tracing.AddRecoSpans().AddHttpClientInstrumentation().SetRecoSampler(DefaultTraceSampleRatio);
    }
}
