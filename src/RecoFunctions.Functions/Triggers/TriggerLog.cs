using Microsoft.Extensions.Logging;

namespace RecoFunctions.Functions.Triggers;

internal static partial class TriggerLog
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "{Flow}: batch of {Records} records: {Accepted} accepted into {Orchestrations} orchestrations, {DeadLetters} dead-lettered")]
    public static partial void BatchHandled(ILogger logger, string flow, int records, int accepted, int orchestrations, int deadLetters);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Debug, Message = "Scheduled orchestration {InstanceId} with {Items} items")]
    public static partial void Scheduled(ILogger logger, string instanceId, int items);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Orchestration {InstanceId} already exists (redelivered batch); not scheduled again")]
    public static partial void AlreadyScheduled(ILogger logger, string instanceId);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "{Flow}: dead-lettered {Record} at {Stage}: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string flow, string record, string stage, string reason);
}
