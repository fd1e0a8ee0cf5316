using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Logging;

namespace RecoFunctions.Functions.Tests.Durable.Host;

/// <summary>
/// The in-process host's orchestration service, recording what the engine does per orchestration instance: starts
/// (and starts refused as duplicates), the activities and timers each episode schedules, continue-as-new, completion,
/// payload sizes and how long each orchestrator episode took. The counts come from the engine's own work items and
/// messages, not from the app's code. It re-implements the service interfaces over the base class (whose methods are
/// not virtual); everything not intercepted is the base class's.
/// </summary>
public sealed class DurableActionLog(ILoggerFactory? loggerFactory = null)
    : InMemoryOrchestrationService(loggerFactory), IOrchestrationService, IOrchestrationServiceClient
{
    private readonly ConcurrentDictionary<string, InstanceActions> _instances = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _lockedAt = new(StringComparer.Ordinal);

    /// <summary>Raised after every recorded orchestrator episode (on the engine's thread).</summary>
    public event Action<InstanceActions>? EpisodeRecorded;

    public IReadOnlyCollection<InstanceActions> Instances => [.. _instances.Values];

    public InstanceActions For(string instanceId) => _instances.GetOrAdd(instanceId, static id => new InstanceActions(id));

    public void Clear()
    {
        _instances.Clear();
        _lockedAt.Clear();
    }

    Task IOrchestrationServiceClient.CreateTaskOrchestrationAsync(TaskMessage creationMessage) =>
        ((IOrchestrationServiceClient)this).CreateTaskOrchestrationAsync(creationMessage, [OrchestrationStatus.Pending, OrchestrationStatus.Running]);

    async Task IOrchestrationServiceClient.CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[]? dedupeStatuses)
    {
        var actions = For(creationMessage.OrchestrationInstance.InstanceId);
        try
        {
            await CreateTaskOrchestrationAsync(creationMessage, dedupeStatuses).ConfigureAwait(false);
        }
        catch (DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException)
        {
            actions.RecordRefusedStart();
            throw;
        }

        actions.RecordStart(Utf8Length((creationMessage.Event as ExecutionStartedEvent)?.Input));
    }

    async Task<TaskOrchestrationWorkItem> IOrchestrationService.LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken).ConfigureAwait(false);
        if (workItem is not null)
        {
            _lockedAt[workItem.InstanceId] = Stopwatch.GetTimestamp();
        }

        return workItem!;
    }

    Task IOrchestrationService.CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        var elapsed = _lockedAt.TryRemove(workItem.InstanceId, out var lockedAt) ? Stopwatch.GetElapsedTime(lockedAt) : TimeSpan.Zero;
        var episodeStart = newOrchestrationRuntimeState.NewEvents.OfType<OrchestratorStartedEvent>().LastOrDefault()?.Timestamp;
        var actions = For(workItem.InstanceId);
        actions.RecordHistory(newOrchestrationRuntimeState.PastEvents, newOrchestrationRuntimeState.NewEvents);

        // This backend runs a continue-as-new inside the same work item (it never passes a continue-as-new message):
        // the runtime state it completes with then belongs to a new execution.
        var continued = actions.EnterExecution(newOrchestrationRuntimeState.OrchestrationInstance?.ExecutionId);
        actions.RecordEpisode(new EpisodeRecord(
            elapsed,
            newOrchestrationRuntimeState.Events.Count,
            [.. outboundMessages.Select(message => message.Event).OfType<TaskScheduledEvent>().Select(scheduled => new ScheduledActivity(scheduled.Name ?? string.Empty, Utf8Length(scheduled.Input)))],
            [.. timerMessages.Select(message => message.Event).OfType<TimerFiredEvent>().Select(timer => episodeStart is { } start ? timer.FireAt - start : TimeSpan.Zero)],
            continued ? Utf8Length(newOrchestrationRuntimeState.ExecutionStartedEvent?.Input) ?? 0 : null,
            orchestrationState.OrchestrationStatus));
        var completion = CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage!, orchestrationState);
        EpisodeRecorded?.Invoke(actions);
        return completion;
    }

    Task IOrchestrationService.CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        var instanceId = responseMessage.OrchestrationInstance.InstanceId;
        var size = responseMessage.Event switch
        {
            TaskCompletedEvent completed => Utf8Length(completed.Result),
            TaskFailedEvent => 0,
            _ => 0,
        };
        For(instanceId).RecordActivityResult(size ?? 0, responseMessage.Event is TaskFailedEvent);
        return CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
    }

    private static int? Utf8Length(string? text) => text is null ? null : Encoding.UTF8.GetByteCount(text);
}
