using Microsoft.Extensions.Logging;

namespace RecoFunctions.Core.Windowing;

/// <summary>Log events 3350-3369: publishing closed windows' features. User keys are never logged.</summary>
internal static partial class ClosedWindowPublisherLog
{
    [LoggerMessage(EventId = 3350, Level = LogLevel.Debug, Message = "Published the features of {Windows} closed windows over {Contents} contents")]
    public static partial void Published(ILogger logger, int windows, int contents);

    [LoggerMessage(EventId = 3351, Level = LogLevel.Warning,
        Message = "Features of {Failed} of {Windows} closed windows not published (transient: {Transient}): {Reason}")]
    public static partial void NotPublished(ILogger logger, int failed, int windows, bool transient, string reason);
}
