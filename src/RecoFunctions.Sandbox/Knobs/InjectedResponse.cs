namespace RecoFunctions.Sandbox.Knobs;

/// <summary>A failure a knob made up instead of letting the call through.</summary>
internal sealed record InjectedResponse(int StatusCode, TimeSpan? RetryAfter, string Cause);
