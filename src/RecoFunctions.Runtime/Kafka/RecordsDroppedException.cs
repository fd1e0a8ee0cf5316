using System.Globalization;

namespace RecoFunctions.Runtime.Kafka;

/// <summary>
/// A partition's log no longer holds the next record to read: the broker removed records before they were consumed
/// (the embedded Kafka keeps about 5 MiB or 100,000 produce batches per partition and drops the oldest beyond that).
/// Raised when <see cref="KafkaOptions.RequireCompleteLog"/> is set, instead of skipping to the log's start.
/// </summary>
public sealed class RecordsDroppedException : Exception
{
    private const string Advice =
        "The embedded Kafka keeps about 5 MiB per partition; use more partitions (Kafka:EmbeddedPartitions), a smaller backlog, or a real Kafka.";

    public RecordsDroppedException()
        : this("Records were dropped before they were read.")
    {
    }

    public RecordsDroppedException(string message)
        : base(message)
    {
        Topic = string.Empty;
    }

    public RecordsDroppedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Topic = string.Empty;
    }

    public RecordsDroppedException(string topic, int partition, long offset, string detail)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"Records of {topic} [{partition}] were dropped by the broker before they were read: offset {offset} is no longer in the log ({detail}). {Advice}"))
    {
        Topic = topic;
        Partition = partition;
        Offset = offset;
    }

    public string Topic { get; }

    public int Partition { get; }

    /// <summary>The first offset that should have been read.</summary>
    public long Offset { get; }
}
