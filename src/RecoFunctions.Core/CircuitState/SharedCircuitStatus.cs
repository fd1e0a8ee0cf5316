namespace RecoFunctions.Core.CircuitState;

/// <summary>A service's breaker state as recorded in the shared store.</summary>
public enum SharedCircuitStatus
{
    Closed,
    Open,
}
