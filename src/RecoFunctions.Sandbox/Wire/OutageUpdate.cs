namespace RecoFunctions.Sandbox.Wire;

/// <summary>Starts an outage; without <see cref="UntilUtc"/> or <see cref="ForMs"/> it lasts until cleared.</summary>
public sealed record OutageUpdate
{
    public int Status { get; init; } = 503;

    public DateTimeOffset? UntilUtc { get; init; }

    public double? ForMs { get; init; }
}
