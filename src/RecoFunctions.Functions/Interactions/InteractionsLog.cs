using Microsoft.Extensions.Logging;

namespace RecoFunctions.Functions.Interactions;

internal static partial class InteractionsLog
{
    [LoggerMessage(EventId = 5401, Level = LogLevel.Information, Message = "{Topic}/{Partition}: window state opened at offset {ResumeOffset} with {Users} users")]
    public static partial void Opened(ILogger logger, string topic, int partition, long? resumeOffset, int users);

    [LoggerMessage(EventId = 5402, Level = LogLevel.Information, Message = "{Topic}/{Partition}: batch from offset {FirstOffset} follows records this instance did not process (state held at {HeldOffset}); reopening from the store")]
    public static partial void Stale(ILogger logger, string topic, int partition, long heldOffset, long firstOffset);

    [LoggerMessage(EventId = 5403, Level = LogLevel.Warning, Message = "{Topic}/{Partition}: the window state stands at offset {ResumeOffset} but the batch starts at {FirstOffset}; the offsets between were not aggregated (transaction markers of a transactional producer, or a consumer-group reset or replaced window-state table)")]
    public static partial void Gap(ILogger logger, string topic, int partition, long resumeOffset, long firstOffset);

    [LoggerMessage(EventId = 5404, Level = LogLevel.Information, Message = "{Topic}/{Partition}: {Records} records to offset {NextOffset}: {Added} added, {Duplicates} duplicates, {Skipped} already in the state, {Rejected} late or over a bound, {Invalid} invalid, {WindowsClosed} windows closed")]
    public static partial void BatchHandled(ILogger logger, string topic, int partition, int records, long nextOffset, int added, int duplicates, int skipped, int rejected, int invalid, int windowsClosed);

    [LoggerMessage(EventId = 5405, Level = LogLevel.Information, Message = "{Topic}/{Partition}: no batch for {IdleAfter}; its window state is dropped from memory (reloaded from the store if it comes back)")]
    public static partial void Dropped(ILogger logger, string topic, int partition, TimeSpan idleAfter);
}
