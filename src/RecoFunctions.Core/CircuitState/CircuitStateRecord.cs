namespace RecoFunctions.Core.CircuitState;

/// <summary>
/// What the shared store says about one service's breaker: open until <see cref="OpenUntil"/>, opened by the instance
/// <see cref="OpenedBy"/>. An open record whose time has passed means closed.
/// </summary>
public sealed record CircuitStateRecord(string ServiceName, SharedCircuitStatus Status, DateTimeOffset? OpenUntil, string? OpenedBy)
{
    public static CircuitStateRecord Open(string serviceName, DateTimeOffset openUntil, string openedBy) =>
        new(serviceName, SharedCircuitStatus.Open, openUntil, openedBy);

    public bool IsOpenAt(DateTimeOffset now) => Status == SharedCircuitStatus.Open && OpenUntil > now;
}
