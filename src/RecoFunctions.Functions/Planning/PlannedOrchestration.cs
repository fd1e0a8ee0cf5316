namespace RecoFunctions.Functions.Planning;

/// <summary>An orchestration to schedule for one slice of a trigger batch, under its deterministic instance id.</summary>
public sealed record PlannedOrchestration(string InstanceId, int Partition, long FirstOffset, long LastOffset, BatchOrchestrationInput Input);
