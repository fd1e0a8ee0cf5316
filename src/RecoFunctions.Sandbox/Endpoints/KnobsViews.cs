using RecoFunctions.Sandbox.Knobs;
using RecoFunctions.Sandbox.Wire;

namespace RecoFunctions.Sandbox.Endpoints;

internal static class KnobsViews
{
    public static KnobsView Of(SandboxKnobs knobs) => new([.. knobs.All.Select(Of)]);

    private static ServiceKnobsView Of(ServiceKnobs knobs)
    {
        var outage = knobs.Outage;
        return new ServiceKnobsView(
            knobs.Name,
            knobs.Latency.TotalMilliseconds,
            knobs.LatencyJitter.TotalMilliseconds,
            knobs.ErrorRate,
            knobs.ErrorStatusCode,
            knobs.RetryAfter?.TotalSeconds,
            outage?.StatusCode,
            outage?.Until,
            outage is not null,
            knobs.ScriptedPending,
            knobs.TotalCalls,
            knobs.InjectedFailures,
            knobs.PeakConcurrentCalls,
            knobs.CallsByEndpoint);
    }
}
