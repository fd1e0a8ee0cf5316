namespace RecoFunctions.Sandbox.Knobs;

/// <summary>
/// The answer to one future call of a service. A 2xx status lets the call through (after <see cref="Delay"/>), so that
/// a script can say "503, then a slow success, then 429".
/// </summary>
/// <param name="StatusCode">The status to answer with, or 2xx to let the call through.</param>
/// <param name="RetryAfter">Sent as the Retry-After header (whole seconds, rounded up); the service's knob applies to 429 and 503 otherwise.</param>
/// <param name="Delay">Extra latency of this call, added to the service's latency.</param>
public sealed record ScriptedResponse(int StatusCode, TimeSpan? RetryAfter = null, TimeSpan? Delay = null)
{
    public static ScriptedResponse Pass(TimeSpan? delay = null) => new(200, null, delay);

    public static ScriptedResponse ServiceUnavailable(TimeSpan? retryAfter = null) => new(503, retryAfter);

    public static ScriptedResponse TooManyRequests(TimeSpan? retryAfter = null) => new(429, retryAfter);

    public static ScriptedResponse InternalServerError() => new(500);

    internal bool PassesThrough => StatusCode is >= 200 and < 300;
}
