using Microsoft.Extensions.Logging;

namespace RecoFunctions.Core.Resilience;

internal static partial class ResilienceLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "{Service}: retry {Attempt} in {DelayMs} ms after status {StatusCode}")]
    public static partial void RetryAfterStatus(ILogger logger, string service, int attempt, double delayMs, int statusCode);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "{Service}: retry {Attempt} in {DelayMs} ms after {ExceptionType}: {ExceptionMessage}")]
    public static partial void RetryAfterException(ILogger logger, string service, int attempt, double delayMs, string exceptionType, string exceptionMessage);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "{Service}: circuit breaker opened until {OpenUntil:O} ({Cause})")]
    public static partial void BreakerOpened(ILogger logger, string service, DateTimeOffset? openUntil, string cause);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "{Service}: circuit breaker isolated until {OpenUntil:O}")]
    public static partial void BreakerIsolated(ILogger logger, string service, DateTimeOffset? openUntil);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Information, Message = "{Service}: circuit breaker half-open, letting a probe through")]
    public static partial void BreakerHalfOpened(ILogger logger, string service);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Information, Message = "{Service}: circuit breaker closed (manual: {IsManual})")]
    public static partial void BreakerClosed(ILogger logger, string service, bool isManual);
}
