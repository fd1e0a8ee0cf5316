using Microsoft.Extensions.Logging;

namespace RecoFunctions.Runtime.Kafka;

/// <summary>Log events 4040-4049: Kafka clients outside the runtime (probes, broker, replay).</summary>
internal static partial class KafkaLog
{
    [LoggerMessage(EventId = 4040, Level = LogLevel.Debug, Message = "librdkafka {Facility}: {Message}")]
    public static partial void Librdkafka(ILogger logger, string facility, string message);
}
