using Microsoft.Azure.Functions.Worker;

namespace RecoFunctions.Functions.Triggers;

/// <summary>
/// What <see cref="ContentTrigger"/> returns: the envelopes for the content dead-letter topic. The output binding
/// produces them after the function returns and before the offsets are committed; if producing fails, the invocation
/// fails and the batch is redelivered.
/// </summary>
public sealed class ContentDeadLetters
{
    [KafkaOutput(
        KafkaTriggerSettings.BrokerList,
        "%KafkaContentDeadLetterTopic%",
        Username = KafkaTriggerSettings.Username,
        Password = KafkaTriggerSettings.Password,
        Protocol = KafkaTriggerSettings.Protocol,
        AuthenticationMode = KafkaTriggerSettings.AuthenticationMode,
        EnableIdempotence = true)]
    public string[] DeadLetters { get; set; } = [];
}
