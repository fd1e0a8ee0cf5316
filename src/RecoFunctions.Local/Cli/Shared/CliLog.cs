using Microsoft.Extensions.Logging;

namespace RecoFunctions.Local.Cli.Shared;

/// <summary>Log events 4050-4069: the commands around the runtime.</summary>
internal static partial class CliLog
{
    [LoggerMessage(EventId = 4050, Level = LogLevel.Information,
        Message = "{Throughput} msg/s; consumed {Consumed}, delivered {Delivered}, stale {Stale}, dead-lettered {DeadLettered}; in flight {InFlight}, pending {Pending}, retries {Retries}; lag {Lag}; latency p50 {P50} p99 {P99}; dead letters {DeadLetters}; breakers {Breakers}; paused {Paused}")]
    public static partial void Progress(
        ILogger logger, string throughput, long consumed, long delivered, long stale, long deadLettered, long inFlight, long pending, long retries,
        string lag, string p50, string p99, string deadLetters, string breakers, string paused);
}
