using Microsoft.Extensions.Logging;

namespace RecoFunctions.Core.CircuitState;

internal static partial class CircuitStateLog
{
    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "{Service}: published shared breaker state open until {OpenUntil:O}")]
    public static partial void Published(ILogger logger, string service, DateTimeOffset openUntil);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Debug, Message = "{Service}: shared breaker state already open until {StoredUntil:O}, not earlier {OpenUntil:O}; kept")]
    public static partial void KeptLater(ILogger logger, string service, DateTimeOffset storedUntil, DateTimeOffset openUntil);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Debug, Message = "{Service}: shared breaker state changed while publishing (attempt {Attempt}); re-reading")]
    public static partial void WriteConflict(ILogger logger, string service, int attempt);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Warning, Message = "{Service}: could not publish shared breaker state after {Attempts} conflicting attempts; will retry on the next refresh")]
    public static partial void PublishGaveUp(ILogger logger, string service, int attempts);

    [LoggerMessage(EventId = 3205, Level = LogLevel.Warning, Message = "{Service}: isolating the local breaker until {OpenUntil:O}: opened by {OpenedBy}")]
    public static partial void Isolated(ILogger logger, string service, DateTimeOffset openUntil, string? openedBy);

    [LoggerMessage(EventId = 3206, Level = LogLevel.Information, Message = "{Service}: shared breaker state no longer open; closing the local breaker")]
    public static partial void Released(ILogger logger, string service);

    [LoggerMessage(EventId = 3207, Level = LogLevel.Warning, Message = "{Service}: reading the shared breaker state failed; keeping the local state")]
    public static partial void ReadFailed(ILogger logger, string service, Exception exception);

    [LoggerMessage(EventId = 3208, Level = LogLevel.Warning, Message = "{Service}: publishing the shared breaker state failed; will retry on the next refresh")]
    public static partial void PublishFailed(ILogger logger, string service, Exception exception);

    [LoggerMessage(EventId = 3209, Level = LogLevel.Warning, Message = "Shared breaker state refresh failed")]
    public static partial void SyncFailed(ILogger logger, Exception exception);
}
