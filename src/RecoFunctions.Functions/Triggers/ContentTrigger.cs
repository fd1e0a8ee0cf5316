using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace RecoFunctions.Functions.Triggers;

/// <summary>Batched Kafka trigger of the content flow (topic from the <c>KafkaContentTopic</c> app setting).</summary>
public sealed class ContentTrigger(KafkaBatchTrigger trigger)
{
    [Function(nameof(ContentTrigger))]
    public async Task<ContentDeadLetters> RunAsync(
        [KafkaTrigger(
            KafkaTriggerSettings.BrokerList,
            "%KafkaContentTopic%",
            ConsumerGroup = "%KafkaConsumerGroup%",
            IsBatched = true,
            LagThreshold = KafkaTriggerSettings.LagThreshold,
            Protocol = KafkaTriggerSettings.Protocol,
            AuthenticationMode = KafkaTriggerSettings.AuthenticationMode,
            Username = KafkaTriggerSettings.Username,
            Password = KafkaTriggerSettings.Password)]
        KafkaRecord[] records,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ContentDeadLetters
        {
            DeadLetters = await trigger.HandleAsync(FlowNames.Content, records, client, context.CancellationToken),
        };
    }
}
