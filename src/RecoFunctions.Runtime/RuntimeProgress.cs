namespace RecoFunctions.Runtime;

/// <summary>The runtime's counts alone: what a watcher polling every few milliseconds needs, read without building a snapshot.</summary>
/// <param name="Consumed">Messages taken from Kafka.</param>
/// <param name="Finished">Messages delivered, found stale or dead-lettered.</param>
/// <param name="InFlight">Messages taken and not finished yet.</param>
public readonly record struct RuntimeProgress(long Consumed, long Finished, long InFlight);
