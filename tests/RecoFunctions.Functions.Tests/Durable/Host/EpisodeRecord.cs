using DurableTask.Core;

namespace RecoFunctions.Functions.Tests.Durable.Host;

/// <summary>
/// One orchestrator episode (a replay of the history plus the new events): how long the engine waited for the worker,
/// the history length afterwards, what it scheduled, the length of each durable timer it created (fire time minus the
/// episode's orchestration time), the input size of a continue-as-new, and the status it left.
/// </summary>
public sealed record EpisodeRecord(
    TimeSpan Elapsed,
    int HistoryEvents,
    IReadOnlyList<ScheduledActivity> Activities,
    IReadOnlyList<TimeSpan> Timers,
    int? ContinuedAsNewInputBytes,
    OrchestrationStatus Status);
