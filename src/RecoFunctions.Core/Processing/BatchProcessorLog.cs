using Microsoft.Extensions.Logging;

namespace RecoFunctions.Core.Processing;

/// <summary>Log events 3050-3099: batch processing.</summary>
internal static partial class BatchProcessorLog
{
    [LoggerMessage(EventId = 3050, Level = LogLevel.Debug,
        Message = "Processed {Count} {Flow} items (attempt {Attempt}): {Delivered} delivered, {Stale} stale, {DeadLettered} dead-lettered, {RetryLater} to retry")]
    public static partial void Processed(ILogger logger, string flow, int attempt, int count, long delivered, long stale, long deadLettered, long retryLater);

    [LoggerMessage(EventId = 3051, Level = LogLevel.Error,
        Message = "No outcome was recorded for {Flow} message {MessageId}; it will be retried")]
    public static partial void MissingOutcome(ILogger logger, string flow, string messageId);
}
