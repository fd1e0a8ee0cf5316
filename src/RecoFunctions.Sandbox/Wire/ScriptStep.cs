namespace RecoFunctions.Sandbox.Wire;

/// <summary>"The next <see cref="Times"/> calls answer <see cref="Status"/>" (2xx lets them through).</summary>
public sealed record ScriptStep
{
    public int Status { get; init; } = 503;

    public int Times { get; init; } = 1;

    public double? RetryAfterSeconds { get; init; }

    public double? DelayMs { get; init; }
}
