using DurableTask.Core.Exceptions;
using Grpc.Core;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Intake;
using RecoFunctions.Core.Telemetry;
using RecoFunctions.Core.Workflow;
using RecoFunctions.Functions.Planning;

namespace RecoFunctions.Functions.Triggers;

/// <summary>
/// What both Kafka trigger functions do with a batch: map the records, parse and validate them, schedule one
/// orchestration per partition slice under its deterministic instance id, and return the invalid ones as dead-letter
/// envelopes for the output binding. It returns only after every orchestration is durably scheduled; any scheduling
/// failure other than "already exists" is thrown, so that the invocation fails and (with the extension's
/// <c>commitOnFailure: false</c>) the batch is redelivered instead of committed.
/// </summary>
public sealed class KafkaBatchTrigger(
    MessageIntake intake,
    IOptions<OrchestrationOptions> options,
    RetryBudget budget,
    TimeProvider timeProvider,
    ILogger<KafkaBatchTrigger> logger)
{
    /// <summary>
    /// A redelivered batch whose orchestration is waiting, running or done is not scheduled again. Failed and
    /// terminated ones are left out on purpose: their batch is re-run.
    /// </summary>
    internal static readonly OrchestrationRuntimeStatus[] DedupeStatuses =
    [
        OrchestrationRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Suspended,
        OrchestrationRuntimeStatus.Completed,
    ];

    /// <returns>The dead-letter envelopes (JSON) of the batch's invalid records; empty when all were valid.</returns>
    public async Task<string[]> HandleAsync(string flow, KafkaRecord[] records, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var messages = KafkaRecordMapper.ToMessages(records);
        using var activity = BatchActivity.Start(flow, messages.Count > 0 ? messages[0].Topic : flow, null, messages.Count, messages.Select(message => TraceContextHeaders.Of(message.Headers)));
        var plan = BatchSplitter.Plan(flow, messages, intake.Accept, options.Value, budget, timeProvider.GetUtcNow());

        await Task.WhenAll(plan.Orchestrations.Select(orchestration => ScheduleAsync(client, orchestration, cancellationToken)));

        TriggerLog.BatchHandled(logger, flow, messages.Count, plan.Accepted, plan.Orchestrations.Count, plan.DeadLetters.Count);
        return DeadLetterEnvelopes.LogAndEncode(logger, flow, plan.DeadLetters);
    }

    private async Task ScheduleAsync(DurableTaskClient client, PlannedOrchestration orchestration, CancellationToken cancellationToken)
    {
        var startOptions = new StartOrchestrationOptions(orchestration.InstanceId).WithDedupeStatuses(DedupeStatuses);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                WorkflowActivityNames.BatchOrchestrator, orchestration.Input, startOptions, cancellationToken);
            TriggerLog.Scheduled(logger, orchestration.InstanceId, orchestration.Input.Workflow.Items.Count);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            TriggerLog.AlreadyScheduled(logger, orchestration.InstanceId);
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.AlreadyExists)
        {
            // Clients before durabletask-dotnet's dedupe support surface the gRPC status itself.
            TriggerLog.AlreadyScheduled(logger, orchestration.InstanceId);
        }
    }
}
