using Microsoft.Extensions.Logging;

namespace RecoFunctions.Core.Services;

/// <summary>Log events 3000-3049: downstream calls.</summary>
internal static partial class ServicesLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning,
        Message = "{Service} {Operation} failed for {ItemCount} items (transient: {Transient}): {Reason}")]
    public static partial void CallFailed(ILogger logger, string service, string operation, int itemCount, bool transient, string reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error,
        Message = "{Service} {Operation} failed unexpectedly for {ItemCount} items; they will be retried")]
    public static partial void CallFailedUnexpectedly(ILogger logger, Exception exception, string service, string operation, int itemCount);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning,
        Message = "{Service} {Operation} answered {AnswerCount} items for {RequestCount} requested; unmatched items will be retried")]
    public static partial void AnswerMismatch(ILogger logger, string service, string operation, int answerCount, int requestCount);
}
