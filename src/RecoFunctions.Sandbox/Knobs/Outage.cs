namespace RecoFunctions.Sandbox.Knobs;

/// <summary>A service answering <see cref="StatusCode"/> to every call, until <see cref="Until"/> or until ended.</summary>
public sealed record Outage(int StatusCode, DateTimeOffset? Until);
