using System.ComponentModel.DataAnnotations;

namespace RecoFunctions.Functions.DeadLetters;

/// <summary>
/// Connection of the dead-letter producer, from the same flat app settings the trigger attributes name
/// (<c>KafkaBrokerList</c>, <c>KafkaUsername</c>, <c>KafkaPassword</c>), so one set of settings serves both.
/// </summary>
public sealed class KafkaProducerOptions
{
    [Required(AllowEmptyStrings = false, ErrorMessage = "The KafkaBrokerList app setting is required (host:port[,host:port]).")]
    public string? BrokerList { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>How long one dead letter may take to be acknowledged before the activity fails and is retried.</summary>
    [Range(1_000, 300_000, ErrorMessage = "KafkaDeadLetterTimeoutMs must be between 1000 and 300000.")]
    public int MessageTimeoutMs { get; set; } = 60_000;
}
