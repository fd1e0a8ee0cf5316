using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using RecoFunctions.Core.Telemetry;

namespace RecoFunctions.Functions.Telemetry;

public static class FunctionsTelemetryServiceCollectionExtensions
{
    public const string ConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string ClientIdKey = "AZURE_CLIENT_ID";

    /// <summary>
    /// Traces kept of those started here when <c>Telemetry:TraceSampleRatio</c> is unset: one in ten, so a busy topic
    /// does not turn into an ingestion bill; metrics are never sampled and carry every count.
    /// </summary>
    public const double DefaultTraceSampleRatio = 0.1;

    /// <summary>
    /// OpenTelemetry for the worker, replacing the Application Insights SDK: the Functions resource and invocation
    /// correlation (<c>UseFunctionsWorkerDefaults</c>), the pipeline's meter and spans and the outgoing HTTP calls;
    /// exported to Application Insights when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, authenticated with the
    /// app's managed identity (<c>AZURE_CLIENT_ID</c>; the component accepts Entra tokens only), and to OTLP when an
    /// endpoint is configured (<see cref="OtlpEndpoints"/>). Neither: nothing is exported.
    /// </summary>
    public static IServiceCollection AddRecoFunctionsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddRecoTelemetryOptions(configuration);
        var ratio = configuration.GetSection(TelemetryOptions.SectionName).GetValue<double?>(nameof(TelemetryOptions.TraceSampleRatio)) ?? DefaultTraceSampleRatio;
        var telemetry = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithMetrics(metrics => metrics.AddRecoMetrics())
            .WithTracing(tracing => tracing.AddRecoSpans().AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(configuration[ConnectionStringKey]))
        {
            // Its own sampler (by trace id, like Application Insights' SDKs) replaces any other; a fixed ratio, not the
            // rate-limited default, so that the share kept is the configured one.
            telemetry.UseAzureMonitorExporter(options =>
            {
                options.Credential = Credential(configuration[ClientIdKey]);
                options.SamplingRatio = (float)Math.Clamp(ratio, 0, 1);
                options.TracesPerSecond = null;
            });
        }
        else
        {
            telemetry.WithTracing(tracing => tracing.SetRecoSampler(DefaultTraceSampleRatio));
        }

        var otlp = OtlpEndpoints.From(configuration);
        if (otlp.Traces)
        {
            telemetry.WithTracing(tracing => tracing.AddOtlpExporter());
        }

        if (otlp.Metrics)
        {
            telemetry.WithMetrics(metrics => metrics.AddOtlpExporter());
        }

        if (otlp.Any)
        {
            telemetry.WithLogging(logging => logging.AddOtlpExporter());
        }

        return services;
    }

    /// <summary>The user-assigned identity when its client id is known (as deployed), else the developer's sign-in chain.</summary>
    private static TokenCredential Credential(string? clientId) => string.IsNullOrWhiteSpace(clientId)
        ? new DefaultAzureCredential()
        : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
}
