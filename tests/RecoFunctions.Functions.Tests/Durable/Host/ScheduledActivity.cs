namespace RecoFunctions.Functions.Tests.Durable.Host;

/// <summary>An activity call as the engine queued it: the activity's name and its serialised input size.</summary>
public sealed record ScheduledActivity(string Name, int? InputBytes);
