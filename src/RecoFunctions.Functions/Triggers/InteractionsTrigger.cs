using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Functions.Interactions;

namespace RecoFunctions.Functions.Triggers;

/// <summary>
/// Batched Kafka trigger of the interactions flow (topic from the <c>KafkaInteractionsTopic</c> app setting): event-time
/// windows per partition with their state in Table Storage, closed windows delivered straight to the recommender (no
/// orchestration; docs/functions.md says why).
/// </summary>
public sealed class InteractionsTrigger(InteractionBatchHandler handler, ILogger<InteractionsTrigger> logger)
{
    [Function(nameof(InteractionsTrigger))]
    public async Task<InteractionDeadLetters> RunAsync(
        [KafkaTrigger(
            KafkaTriggerSettings.BrokerList,
            "%KafkaInteractionsTopic%",
            ConsumerGroup = "%KafkaConsumerGroup%",
            IsBatched = true,
            LagThreshold = KafkaTriggerSettings.LagThreshold,
            Protocol = KafkaTriggerSettings.Protocol,
            AuthenticationMode = KafkaTriggerSettings.AuthenticationMode,
            Username = KafkaTriggerSettings.Username,
            Password = KafkaTriggerSettings.Password)]
        KafkaRecord[] records,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var deadLetters = await handler.HandleAsync(FlowNames.Interactions, KafkaRecordMapper.ToMessages(records), context.CancellationToken);
        return new InteractionDeadLetters { DeadLetters = DeadLetterEnvelopes.LogAndEncode(logger, FlowNames.Interactions, deadLetters) };
    }
}
