using Microsoft.Extensions.Logging;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Intake;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Core.Telemetry;
using RecoFunctions.Core.Windowing;
using RecoFunctions.Functions.DeadLetters;
using RecoFunctions.Functions.Planning;

namespace RecoFunctions.Functions.Interactions;

/// <summary>
/// What the interactions trigger does with a batch, per partition in it: parse and validate the records, run the valid
/// ones through the partition's windows (<see cref="InteractionPartition"/>: closed windows published to the
/// recommender, late events produced to the dead-letter topic, then the state and checkpoint saved in the table), and
/// return the invalid ones as dead letters for the output binding; every dead letter is redacted (no raw user id). Any failure is thrown after every partition
/// has run, so that the invocation fails and the batch is redelivered (<c>commitOnFailure: false</c>); records already
/// in a partition's saved state are then skipped.
/// </summary>
public sealed class InteractionBatchHandler(
    MessageIntake intake,
    OpenPartitions partitions,
    IDeadLetterProducer deadLetterProducer,
    DeadLetterRedactor redactor,
    FlowRegistry flows,
    TimeProvider timeProvider,
    ILogger<InteractionBatchHandler> logger)
{
    /// <returns>The dead-letter records of the batch's invalid records, for the output binding; empty when all were valid.</returns>
    public async Task<IReadOnlyList<DeadLetterRecord>> HandleAsync(string flow, IReadOnlyList<KafkaMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        using var activity = BatchActivity.Start(flow, messages.Count > 0 ? messages[0].Topic : flow, null, messages.Count, messages.Select(message => TraceContextHeaders.Of(message.Headers)));
        var deadLetterTopic = flows.Get(flow).DeadLetterTopic;
        var slices = PartitionSlice.Of(messages);
        var invalid = await Task.WhenAll(slices.Select(slice => HandleSliceAsync(slice, deadLetterTopic, cancellationToken))).ConfigureAwait(false);
        return [.. invalid.SelectMany(records => records)];
    }

    private async Task<IReadOnlyList<DeadLetterRecord>> HandleSliceAsync(PartitionSlice slice, string deadLetterTopic, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var events = new List<OffsetEvent>(slice.Messages.Count);
        var invalid = new List<DeadLetterRecord>();
        foreach (var message in slice.Messages)
        {
            var (accepted, failure) = BatchSplitter.Accept(intake.Accept, message);
            if (accepted is InteractionEvent interaction)
            {
                events.Add(new OffsetEvent(message.Offset, interaction));
            }
            else
            {
                invalid.Add(DeadLetterRecord.From(message, failure ?? NotAnInteraction(accepted!), now, redactor));
            }
        }

        var byOffset = slice.Messages.ToDictionary(message => message.Offset);
        Task DeadLetterAsync(IReadOnlyList<RejectedOffset> rejected, CancellationToken token) => deadLetterProducer.ProduceAsync(
            deadLetterTopic, [.. rejected.Select(item => DeadLetterRecord.From(byOffset[item.Offset], item.Failure, now, redactor))], token);

        var result = await partitions.RunAsync(
            slice.Topic,
            slice.Partition,
            slice.FirstOffset,
            partition => partition.ProcessAsync(events, slice.NextOffset, DeadLetterAsync, cancellationToken),
            cancellationToken).ConfigureAwait(false);

        InteractionsLog.BatchHandled(
            logger, slice.Topic, slice.Partition, slice.Messages.Count, slice.NextOffset, result.Added, result.Duplicates, result.Skipped, result.Rejected.Count, invalid.Count, result.WindowsClosed);
        return invalid;
    }

    /// <summary>The flow's contract yields another event type: a configuration error, dead-lettered rather than blocking the partition.</summary>
    private static DeadLetterFailure NotAnInteraction(PipelineEvent accepted) =>
        new(DeadLetterStage.Parse, $"{PipelineStage.Parse}: the interactions flow accepted a {accepted.GetType().Name}, not an interaction (check the flow's Contract)") { Source = "intake" };
}
