using Microsoft.Extensions.Logging;

namespace RecoFunctions.Functions.WindowState;

internal static partial class WindowStateLog
{
    [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "Window state of {Partition} loaded: {Users} users, checkpoint at offset {NextOffset}, {Stale} stale rows removed")]
    public static partial void Loaded(ILogger logger, string partition, int users, long? nextOffset, int stale);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Warning, Message = "Window state of {Partition}: removing superseded rows failed; the next load removes them")]
    public static partial void CleanupFailed(ILogger logger, Exception exception, string partition);
}
