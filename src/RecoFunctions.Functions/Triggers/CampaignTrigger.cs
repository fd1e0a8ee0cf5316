using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace RecoFunctions.Functions.Triggers;

/// <summary>Batched Kafka trigger of the campaign flow (topic from the <c>KafkaCampaignTopic</c> app setting).</summary>
public sealed class CampaignTrigger(KafkaBatchTrigger trigger)
{
    [Function(nameof(CampaignTrigger))]
    public async Task<CampaignDeadLetters> RunAsync(
        [KafkaTrigger(
            KafkaTriggerSettings.BrokerList,
            "%KafkaCampaignTopic%",
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
        return new CampaignDeadLetters
        {
            DeadLetters = await trigger.HandleAsync(FlowNames.Campaign, records, client, context.CancellationToken),
        };
    }
}
