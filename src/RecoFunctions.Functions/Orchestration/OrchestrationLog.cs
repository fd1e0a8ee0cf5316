using Microsoft.Extensions.Logging;

namespace RecoFunctions.Functions.Orchestration;

/// <summary>Orchestrator messages; always written through a replay-safe logger.</summary>
internal static partial class OrchestrationLog
{
    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "{InstanceId}: batch step attempt {Attempt} failed after activity retries ({ErrorType}); its items are retried later")]
    public static partial void StepFailed(ILogger logger, string instanceId, int attempt, string errorType, Exception exception);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Warning, Message = "{InstanceId}: publishing {Count} dead letters failed after activity retries ({ErrorType}); kept for the next run")]
    public static partial void PublishFailed(ILogger logger, string instanceId, int count, string errorType, Exception exception);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Information, Message = "{InstanceId} run {Round}: {Delivered} delivered, {DeadLettered} dead-lettered, {Pending} pending; dead letters published {Published}, unpublished {Unpublished}; continued as new: {Continued}")]
    public static partial void RunFinished(ILogger logger, string instanceId, int round, int delivered, int deadLettered, int pending, int published, int unpublished, bool continued);
}
