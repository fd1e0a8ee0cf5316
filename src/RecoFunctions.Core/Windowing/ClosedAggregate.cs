namespace RecoFunctions.Core.Windowing;

/// <summary>A user's window that has closed, until it is turned into a <see cref="ClosedWindow"/>.</summary>
internal readonly record struct ClosedAggregate(string UserKey, WindowAggregate Aggregate);
