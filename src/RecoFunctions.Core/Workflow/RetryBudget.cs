namespace RecoFunctions.Core.Workflow;

/// <summary>
/// How long the workflow keeps retrying items that failed transiently within one run, and how old an item may get
/// (from its first attempt) before it is dead-lettered as "retry budget exhausted". Part of the workflow input so that
/// a durable orchestration replays with the values it started with.
/// </summary>
public sealed record RetryBudget(
    int MaxAttemptsPerRun,
    TimeSpan FirstDelay,
    double BackoffFactor,
    TimeSpan MaxDelay,
    TimeSpan MaxMessageAge);
