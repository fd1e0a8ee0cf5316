namespace RecoFunctions.Sandbox.Wire;

/// <summary>Body of <c>POST /_sandbox/knobs</c>; unset fields stay as they are. <see cref="Service"/> is a service name or <c>all</c>.</summary>
public sealed record KnobsUpdate
{
    public string Service { get; init; } = string.Empty;

    /// <summary>Applied first: back to start-up behaviour, counters at zero.</summary>
    public bool Reset { get; init; }

    public double? LatencyMs { get; init; }

    public double? JitterMs { get; init; }

    public double? ErrorRate { get; init; }

    public int? ErrorStatus { get; init; }

    public double? RetryAfterSeconds { get; init; }

    public bool ClearRetryAfter { get; init; }

    public OutageUpdate? Outage { get; init; }

    public bool ClearOutage { get; init; }

    public IReadOnlyList<ScriptStep>? Script { get; init; }

    public bool ClearScript { get; init; }
}
