using System.ComponentModel.DataAnnotations;
using RecoFunctions.Core.Configuration;

namespace RecoFunctions.Runtime.Kafka;

/// <summary>
/// The <c>Kafka</c> configuration section. With no <see cref="BootstrapServers"/>, <c>reco</c> starts an embedded
/// cluster. Credentials come from configuration (environment variables, user secrets), never from committed files.
/// </summary>
public sealed class KafkaOptions
{
    public const string SectionName = "Kafka";

    /// <summary>host:port[,host:port]; empty means "start an embedded cluster".</summary>
    public string? BootstrapServers { get; set; }

    [Required(AllowEmptyStrings = false, ErrorMessage = "{0} is required.")]
    public string ConsumerGroup { get; set; } = "reco";

    public string ClientId { get; set; } = "reco";

    /// <summary>plaintext, ssl, sasl_plaintext or sasl_ssl.</summary>
    [RegularExpression("^(?i)(plaintext|ssl|sasl_plaintext|sasl_ssl)$", ErrorMessage = "{0} must be plaintext, ssl, sasl_plaintext or sasl_ssl.")]
    public string? SecurityProtocol { get; set; }

    /// <summary>PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER.</summary>
    [RegularExpression("^(?i)(plain|scram-sha-256|scram-sha-512|oauthbearer)$", ErrorMessage = "{0} must be PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER.")]
    public string? SaslMechanism { get; set; }

    public string? SaslUsername { get; set; }

    public string? SaslPassword { get; set; }

    public string? SslCaLocation { get; set; }

    [TimeSpanRange("00:00:01", "00:05:00")]
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>How long a fetch may wait for data; the mock cluster always waits this long, so keep it small.</summary>
    [TimeSpanRange("00:00:00.001", "00:00:05")]
    public TimeSpan FetchWaitMax { get; set; } = TimeSpan.FromMilliseconds(5);

    [TimeSpanRange("00:00:00", "00:00:01")]
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Bounds how long an unreachable broker can go unnoticed at start-up and in produce calls.</summary>
    [TimeSpanRange("00:00:01", "00:10:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Partitions of topics created on the embedded cluster.</summary>
    [Range(1, 256)]
    public int EmbeddedPartitions { get; set; } = 8;

    /// <summary>
    /// The topics' logs are complete: they start at offset 0 and lose nothing before it is read, as on the embedded Kafka
    /// (set in appsettings.Local.json). A new consumer group then starts at offset 0, and a position that is no longer in
    /// the log (the broker dropped the records) stops the consumer with an error naming the topic and partition instead
    /// of skipping ahead. Leave it off for a cluster whose retention removes old records.
    /// </summary>
    public bool RequireCompleteLog { get; set; }

    /// <summary>Extra librdkafka consumer properties, passed as they are (e.g. <c>Kafka:Consumer:fetch.max.bytes</c>).</summary>
    public Dictionary<string, string> Consumer { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Extra librdkafka producer properties.</summary>
    public Dictionary<string, string> Producer { get; set; } = new(StringComparer.Ordinal);
}
