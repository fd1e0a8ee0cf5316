using System.ComponentModel.DataAnnotations;

namespace RecoFunctions.Functions.DeadLetters;

/// <summary>
/// Connection of the dead-letter producer, from the same flat app settings the trigger attributes name
/// (<c>KafkaBrokerList</c>, <c>KafkaUsername</c>, <c>KafkaPassword</c>), so one set of settings serves both.
/// </summary>
public sealed class KafkaProducerOptions
{
    // Properties carry the app settings' names so that a failure names the setting.
    [Required(AllowEmptyStrings = false, ErrorMessage = "The {0} app setting is required (host:port[,host:port]).")]
    public string? KafkaBrokerList { get; set; }

    public string? KafkaUsername { get; set; }

    public string? KafkaPassword { get; set; }

    /// <summary>How long one dead letter may take to be acknowledged before the activity fails and is retried.</summary>
    [Range(1_000, 300_000)]
    public int KafkaDeadLetterTimeoutMs { get; set; } = 60_000;
}
