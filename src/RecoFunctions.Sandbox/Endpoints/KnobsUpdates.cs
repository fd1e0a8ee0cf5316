using RecoFunctions.Sandbox.Knobs;
using RecoFunctions.Sandbox.Wire;

namespace RecoFunctions.Sandbox.Endpoints;

/// <summary>Applies a <see cref="KnobsUpdate"/> to one service's knobs; invalid values throw <see cref="ArgumentException"/>.</summary>
internal static class KnobsUpdates
{
    public static void Apply(KnobsUpdate update, ServiceKnobs knobs, TimeProvider timeProvider)
    {
        if (update.Reset)
        {
            knobs.Reset();
        }

        if (update.LatencyMs is { } latency)
        {
            knobs.Latency = Milliseconds(latency);
        }

        if (update.JitterMs is { } jitter)
        {
            knobs.LatencyJitter = Milliseconds(jitter);
        }

        if (update.ErrorRate is { } rate)
        {
            knobs.ErrorRate = rate;
        }

        if (update.ErrorStatus is { } status)
        {
            knobs.ErrorStatusCode = status;
        }

        if (update.ClearRetryAfter)
        {
            knobs.RetryAfter = null;
        }

        if (update.RetryAfterSeconds is { } retryAfter)
        {
            knobs.RetryAfter = Seconds(retryAfter);
        }

        if (update.ClearOutage)
        {
            knobs.EndOutage();
        }

        if (update.Outage is { } outage)
        {
            var until = outage.UntilUtc ?? (outage.ForMs is { } forMs ? timeProvider.GetUtcNow() + Milliseconds(forMs) : null);
            knobs.StartOutage(outage.Status, until);
        }

        if (update.ClearScript)
        {
            knobs.ClearScript();
        }

        foreach (var step in update.Script ?? [])
        {
            var delay = step.DelayMs is { } ms ? Milliseconds(ms) : (TimeSpan?)null;
            var stepRetryAfter = step.RetryAfterSeconds is { } seconds ? Seconds(seconds) : (TimeSpan?)null;
            knobs.Enqueue(new ScriptedResponse(step.Status, stepRetryAfter, delay), step.Times);
        }
    }

    private static TimeSpan Milliseconds(double value) =>
        value is >= 0 and <= 3_600_000 ? TimeSpan.FromMilliseconds(value) : throw new ArgumentException($"{value} ms is not between 0 and one hour.");

    private static TimeSpan Seconds(double value) =>
        value is >= 0 and <= 86_400 ? TimeSpan.FromSeconds(value) : throw new ArgumentException($"{value} s is not between 0 and one day.");
}
