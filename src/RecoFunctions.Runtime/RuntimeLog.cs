using Microsoft.Extensions.Logging;

namespace RecoFunctions.Runtime;

/// <summary>Log events 4000-4039: the self-hosted runtime. Nothing here is logged per message.</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information,
        Message = "Consuming {Topics} from {BootstrapServers} in group {Group}")]
    public static partial void Starting(ILogger logger, string topics, string bootstrapServers, string group);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Assigned {Count} partitions: {Partitions}")]
    public static partial void PartitionsAssigned(ILogger logger, int count, string partitions);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information,
        Message = "Revoked {Count} partitions: {Partitions}; committed what was finished, {Dropped} unfinished messages go to the next owner")]
    public static partial void PartitionsRevoked(ILogger logger, int count, string partitions, int dropped);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning,
        Message = "Lost {Count} partitions: {Partitions}; {Dropped} unfinished messages will be redelivered to the new owner")]
    public static partial void PartitionsLost(ILogger logger, int count, string partitions, int dropped);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning,
        Message = "Topic {Topic} does not exist (yet) on {BootstrapServers}; its flow starts when it appears")]
    public static partial void TopicMissing(ILogger logger, string topic, string bootstrapServers);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Subscription problem: {Reason}; waiting for the topic")]
    public static partial void SubscriptionProblem(ILogger logger, string reason);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning,
        Message = "Kafka client error {Code}: {Reason} (bootstrap {BootstrapServers}; {Suppressed} similar not logged); retrying")]
    public static partial void ClientError(ILogger logger, string code, string reason, string bootstrapServers, long suppressed);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning,
        Message = "Commit of {Partitions} failed: {Reason}; retrying at the next interval")]
    public static partial void CommitFailed(ILogger logger, string partitions, string reason);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Debug, Message = "Committed {Offsets} ({Why})")]
    public static partial void Committed(ILogger logger, string offsets, string why);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Debug, Message = "Paused {Partitions}: {InFlight} messages in flight")]
    public static partial void Paused(ILogger logger, string partitions, long inFlight);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Debug, Message = "Resumed {Partitions}: {InFlight} messages in flight")]
    public static partial void Resumed(ILogger logger, string partitions, long inFlight);

    [LoggerMessage(EventId = 4024, Level = LogLevel.Information,
        Message = "{InFlight} messages in flight and none finished for {Hold}: partitions over their share pause, the others go on")]
    public static partial void LimitPressed(ILogger logger, long inFlight, TimeSpan hold);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning,
        Message = "Writing a dead letter to {Topic} failed ({Reason}; {Suppressed} similar not logged); retrying in {Delay}")]
    public static partial void DeadLetterRetry(ILogger logger, string topic, string reason, long suppressed, TimeSpan delay);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning,
        Message = "The dead letter of {MessageId} is too large for {Topic} ({Size} bytes); written without its value")]
    public static partial void DeadLetterValueOmitted(ILogger logger, string messageId, string topic, int size);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Error,
        Message = "Processing {Count} messages of {Partition} failed unexpectedly; retrying in {Delay}")]
    public static partial void BatchFailed(ILogger logger, Exception exception, int count, string partition, TimeSpan delay);

    [LoggerMessage(EventId = 4014, Level = LogLevel.Debug,
        Message = "{Count} messages of {Partition} are failing transiently ({Reason}); next run in {Delay}")]
    public static partial void PendingRetry(ILogger logger, int count, string partition, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 4015, Level = LogLevel.Warning,
        Message = "In-flight batches did not finish within {Timeout}; their {Count} unfinished messages will be redelivered")]
    public static partial void DrainTimedOut(ILogger logger, TimeSpan timeout, long count);

    [LoggerMessage(EventId = 4016, Level = LogLevel.Information,
        Message = "Stopped: {Consumed} consumed, {Delivered} delivered, {Stale} stale, {DeadLettered} dead-lettered, {Unfinished} left for redelivery")]
    public static partial void Stopped(ILogger logger, long consumed, long delivered, long stale, long deadLettered, long unfinished);

    [LoggerMessage(EventId = 4017, Level = LogLevel.Warning,
        Message = "Revoked partitions {Partitions} still had batches running after {Timeout}; abandoned, the next owner redoes them")]
    public static partial void RevocationTimedOut(ILogger logger, string partitions, TimeSpan timeout);

    [LoggerMessage(EventId = 4018, Level = LogLevel.Warning, Message = "Consume error {Code}: {Reason} ({Suppressed} similar not logged)")]
    public static partial void ConsumeError(ILogger logger, string code, string reason, long suppressed);

    [LoggerMessage(EventId = 4019, Level = LogLevel.Critical, Message = "The worker of {Partition} failed; stopping the runtime")]
    public static partial void WorkerFaulted(ILogger logger, Exception exception, string partition);

    [LoggerMessage(EventId = 4020, Level = LogLevel.Debug, Message = "librdkafka {Facility}: {Message}")]
    public static partial void Librdkafka(ILogger logger, string facility, string message);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Critical, Message = "Fatal Kafka error {Code}: {Reason}; stopping the runtime")]
    public static partial void FatalError(ILogger logger, string code, string reason);

    [LoggerMessage(EventId = 4022, Level = LogLevel.Information,
        Message = "Stopping: waiting up to {Timeout} for the batches in flight ({InFlight} messages unfinished)")]
    public static partial void Draining(ILogger logger, TimeSpan timeout, long inFlight);

    [LoggerMessage(EventId = 4023, Level = LogLevel.Warning,
        Message = "Dead-letter producer hit a fatal error ({Reason}); building a new one")]
    public static partial void ProducerRebuilt(ILogger logger, string reason);
}
