using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using RecoFunctions.Core.Resilience;

namespace RecoFunctions.Core.Telemetry;

/// <summary>What both runtimes' OpenTelemetry providers take from the pipeline, whatever they export to.</summary>
public static class RecoTelemetryProviderBuilderExtensions
{
    /// <summary>The pipeline's meter, seconds buckets for its durations, and the breaker gauge (<see cref="BreakerStateMetrics"/>).</summary>
    public static MeterProviderBuilder AddRecoMetrics(this MeterProviderBuilder metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        metrics.AddMeter(RecoTelemetry.Name)
            .AddInstrumentation(provider => BreakerStateMetrics.Observe(provider.GetRequiredService<IMeterFactory>(), provider.GetRequiredService<IBreakerRegistry>()));
        foreach (var histogram in RecoTelemetry.DurationHistograms)
        {
            metrics.AddView(histogram, new ExplicitBucketHistogramConfiguration { Boundaries = [.. RecoTelemetry.DurationBucketsSeconds] });
        }

        return metrics;
    }

    /// <summary>The batch and service-call spans.</summary>
    public static TracerProviderBuilder AddRecoSpans(this TracerProviderBuilder tracing)
    {
        ArgumentNullException.ThrowIfNull(tracing);
        return tracing.AddSource(RecoTelemetry.Name);
    }

    /// <summary>
    /// Keeps <c>Telemetry:TraceSampleRatio</c> (else <paramref name="defaultRatio"/>) of the traces that start here and
    /// follows the caller's decision for traces that arrive in a record's <c>traceparent</c>.
    /// </summary>
    public static TracerProviderBuilder SetRecoSampler(this TracerProviderBuilder tracing, double defaultRatio)
    {
        ArgumentNullException.ThrowIfNull(tracing);
        return tracing.SetSampler(provider => new ParentBasedSampler(new TraceIdRatioBasedSampler(
            provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value.TraceSampleRatio ?? defaultRatio)));
    }
}
