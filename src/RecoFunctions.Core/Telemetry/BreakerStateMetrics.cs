using System.Diagnostics.Metrics;
using RecoFunctions.Core.Resilience;
using BreakerState = Polly.CircuitBreaker.CircuitState;

namespace RecoFunctions.Core.Telemetry;

/// <summary>
/// <c>reco.breaker.state</c>: per service and state, 1 for the breaker's current state and 0 for the others, read when
/// an exporter collects. Alert on <c>state="open"</c> or <c>state="isolated"</c>.
/// </summary>
public static class BreakerStateMetrics
{
    private static readonly BreakerState[] States = Enum.GetValues<BreakerState>();

    /// <summary>Creates the gauge on the <see cref="RecoTelemetry.Name"/> meter of <paramref name="meterFactory"/>; its lifetime is the meter's.</summary>
    public static ObservableGauge<int> Observe(IMeterFactory meterFactory, IBreakerRegistry breakers)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(breakers);
        return meterFactory.Create(RecoTelemetry.Name).CreateObservableGauge(
            "reco.breaker.state",
            () => Measure(breakers),
            "{state}",
            "Circuit breaker state per downstream service: 1 for the current state, 0 for the others.");
    }

    private static IEnumerable<Measurement<int>> Measure(IBreakerRegistry breakers)
    {
        foreach (var breaker in breakers.Breakers)
        {
            var current = breaker.CircuitState;
            foreach (var state in States)
            {
                yield return new Measurement<int>(
                    state == current ? 1 : 0,
                    new KeyValuePair<string, object?>("service", breaker.Name),
                    new KeyValuePair<string, object?>("state", StateLabel(state)));
            }
        }
    }

    private static string StateLabel(BreakerState state) => state switch
    {
        BreakerState.Closed => "closed",
        BreakerState.Open => "open",
        BreakerState.HalfOpen => "half_open",
        BreakerState.Isolated => "isolated",
        _ => state.ToString(),
    };
}
