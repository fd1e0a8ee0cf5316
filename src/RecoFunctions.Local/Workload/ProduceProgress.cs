namespace RecoFunctions.Local.Workload;

/// <summary>How far a send has got: messages handed to the producer, acknowledged by Kafka, and failed.</summary>
public readonly record struct ProduceProgress(long Attempted, long Acknowledged, long Failed);
