using Microsoft.Azure.Functions.Worker;

namespace RecoFunctions.Functions.Triggers;

/// <summary>
/// What <see cref="InteractionsTrigger"/> returns: the envelopes of the invalid records for the interactions dead-letter
/// topic, produced after the function returns and before the offsets are committed. Late events do not come this way:
/// they are produced before the window state is saved (see <see cref="Interactions.InteractionBatchHandler"/>).
/// </summary>
public sealed class InteractionDeadLetters
{
    [KafkaOutput(
        KafkaTriggerSettings.BrokerList,
        "%KafkaInteractionsDeadLetterTopic%",
        Username = KafkaTriggerSettings.Username,
        Password = KafkaTriggerSettings.Password,
        Protocol = KafkaTriggerSettings.Protocol,
        AuthenticationMode = KafkaTriggerSettings.AuthenticationMode,
        EnableIdempotence = true)]
    public string[] DeadLetters { get; set; } = [];
}
