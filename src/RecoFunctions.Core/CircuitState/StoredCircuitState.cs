namespace RecoFunctions.Core.CircuitState;

/// <summary>A record as read from the store, with the entity tag that a conditional write must present.</summary>
public sealed record StoredCircuitState(CircuitStateRecord Record, string ETag);
