using Microsoft.Extensions.Logging;

namespace RecoFunctions.Runtime.Windows;

/// <summary>Log events 4070-4089: windowed flows in the self-hosted runtime (changelog, restore, window partitions).</summary>
internal static partial class WindowsLog
{
    [LoggerMessage(EventId = 4070, Level = LogLevel.Information,
        Message = "Created changelog topic {Topic} with {Partitions} partitions (compacted)")]
    public static partial void ChangelogCreated(ILogger logger, string topic, int partitions);

    [LoggerMessage(EventId = 4071, Level = LogLevel.Warning,
        Message = "Changelog topic {Topic} has cleanup.policy {Policy}, not compact: its log grows until retention removes records, and a restore then relies on snapshots")]
    public static partial void ChangelogNotCompacted(ILogger logger, string topic, string policy);

    [LoggerMessage(EventId = 4072, Level = LogLevel.Information,
        Message = "Restored window state of {Partition}: {Users} users, resuming at offset {ResumeOffset} ({Records} changelog records in {Elapsed})")]
    public static partial void Restored(ILogger logger, string partition, int users, long? resumeOffset, long records, TimeSpan elapsed);

    [LoggerMessage(EventId = 4073, Level = LogLevel.Warning,
        Message = "The last save of {Partition}'s window state was cut short; it is left out, and the next save rewrites every user")]
    public static partial void IncompleteSave(ILogger logger, string partition);

    [LoggerMessage(EventId = 4074, Level = LogLevel.Warning,
        Message = "Windows of {Partition} could not be published or saved; opening its state again from the changelog and retrying in {Delay}")]
    public static partial void PartitionFailed(ILogger logger, Exception exception, string partition, TimeSpan delay);

    [LoggerMessage(EventId = 4075, Level = LogLevel.Error,
        Message = "Window state of {Partitions} could not be restored; the runtime stops")]
    public static partial void RestoreFailed(ILogger logger, Exception exception, string partitions);

    [LoggerMessage(EventId = 4076, Level = LogLevel.Debug,
        Message = "Could not read the cleanup.policy of changelog topic {Topic} ({Reason}); not checked")]
    public static partial void ChangelogPolicyUnknown(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 4077, Level = LogLevel.Error,
        Message = "Flow {Flow} is not consumed by this run: its window state has no changelog. {Reason}")]
    public static partial void FlowWithoutState(ILogger logger, string flow, string reason);
}
