using RecoFunctions.Core.Domain;

namespace RecoFunctions.Functions.Planning;

/// <summary>
/// How the durable host retries a failed activity (an infrastructure failure: the worker died, the broker was
/// unreachable, ...) before the orchestrator sees the failure. Transient downstream failures do not count here: they
/// come back from the activity as <see cref="OutcomeKind.RetryLater"/> outcomes. Part of the orchestration input, so
/// replays use the values the orchestration started with.
/// </summary>
public sealed record ActivityRetry(int MaxAttempts, TimeSpan FirstInterval, double BackoffCoefficient, TimeSpan MaxInterval);
