using Microsoft.Azure.Functions.Worker;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Flows;
using RecoFunctions.Functions.DeadLetters;
using RecoFunctions.Functions.Planning;

namespace RecoFunctions.Functions.Orchestration;

/// <summary>
/// Produces the workflow's dead letters to the flow's dead-letter topic with a Kafka producer of its own (see
/// <see cref="KafkaDeadLetterProducer"/> for why not the output binding). Returns only after the broker acknowledged
/// every record; a failure throws, so the orchestrator's retry policy (and then the next run) tries again.
/// </summary>
public sealed class PublishDeadLettersActivity(IDeadLetterProducer producer, FlowRegistry flows)
{
    [Function(WorkflowActivityNames.PublishDeadLetters)]
    public async Task<int> RunAsync([ActivityTrigger] DeadLetterBatch batch, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(context);
        var topic = flows.Get(batch.Flow).DeadLetterTopic;
        await producer.ProduceAsync(topic, batch.Records, context.CancellationToken);
        return batch.Records.Count;
    }
}
