using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Intake;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Core.Workflow;

namespace RecoFunctions.Functions.Planning;

/// <summary>
/// Turns one Kafka trigger batch (which may hold several partitions) into durable orchestrations and immediate dead
/// letters. Each partition's records are cut, in offset order, into slices of at most
/// <see cref="OrchestrationOptions.MaxItemsPerOrchestration"/> records and <see cref="OrchestrationOptions.MaxInputBytes"/>
/// estimated input bytes (<see cref="EstimatedInputBytes"/>); slice boundaries depend only on the records, not on which
/// of them are valid, so an identical
/// redelivered batch yields identical slices and therefore identical instance ids. Valid records of a slice become one
/// orchestration; invalid ones are dead-lettered at once and never retried.
/// </summary>
public static class BatchSplitter
{
    /// <summary>Input bytes a record costs beyond its value: its ids, times and event fields, twice (parsed and as received).</summary>
    internal const int InputBytesPerRecord = 1024;

    /// <summary>
    /// Input bytes per value byte: the value travels base64-encoded with the original record (4/3) and parsed in the work
    /// item (about 1), plus JSON escaping. Measured on the durable engine (docs/performance.md): 2.55 for the largest
    /// valid content events, less for typical ones once <see cref="InputBytesPerRecord"/> is counted; 3 keeps the
    /// estimate above what the engine stores.
    /// </summary>
    internal const int InputBytesPerValueByte = 3;

    /// <summary>A record's share of the serialised orchestration input, over- rather than under-estimated.</summary>
    internal static long EstimatedInputBytes(KafkaMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var headers = message.Headers?.Sum(header => (long)(header.Key?.Length ?? 0) + (header.Value?.Length ?? 0)) ?? 0;
        return InputBytesPerRecord + (InputBytesPerValueByte * (message.Value.Length + (long)(message.Key?.Length ?? 0) + headers));
    }

    public static TriggerBatchPlan Plan(
        string flow,
        IReadOnlyList<KafkaMessage> messages,
        Func<KafkaMessage, IntakeResult> accept,
        OrchestrationOptions options,
        RetryBudget budget,
        DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(flow);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(accept);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(budget);

        var orchestrations = new List<PlannedOrchestration>();
        var deadLetters = new List<DeadLetterRecord>();
        var partitions = messages
            .Where(message => message is not null)
            .GroupBy(message => (message.Topic, message.Partition))
            .OrderBy(group => group.Key.Topic, StringComparer.Ordinal)
            .ThenBy(group => group.Key.Partition);
        foreach (var partition in partitions)
        {
            foreach (var slice in Slices(partition, options))
            {
                var items = new List<WorkItem>(slice.Count);
                var originals = new List<KafkaMessage>(slice.Count);
                foreach (var message in slice)
                {
                    var (accepted, failure) = Accept(accept, message);
                    if (accepted is not null)
                    {
                        items.Add(new WorkItem(message.Id, message.Timestamp, now, accepted));
                        originals.Add(message);
                    }
                    else
                    {
                        deadLetters.Add(DeadLetterRecord.From(message, failure!, now));
                    }
                }

                if (items.Count > 0)
                {
                    var (topic, number) = partition.Key;
                    var first = slice[0].Offset;
                    var last = slice[^1].Offset;
                    orchestrations.Add(new PlannedOrchestration(
                        OrchestrationInstanceId.For(flow, topic, number, first, last),
                        number,
                        first,
                        last,
                        new BatchOrchestrationInput(new WorkflowInput(flow, items, budget), originals, [], options.ToActivityRetry())));
                }
            }
        }

        return new TriggerBatchPlan(orchestrations, deadLetters);
    }

    /// <summary>Offset order, duplicates dropped, cut by record count and estimated input bytes (a slice holds at least one record).</summary>
    private static List<List<KafkaMessage>> Slices(IEnumerable<KafkaMessage> partition, OrchestrationOptions options)
    {
        var slices = new List<List<KafkaMessage>>();
        var current = new List<KafkaMessage>();
        long bytes = 0;
        long? previousOffset = null;
        foreach (var message in partition.OrderBy(message => message.Offset))
        {
            if (message.Offset == previousOffset)
            {
                continue;
            }

            previousOffset = message.Offset;
            var size = EstimatedInputBytes(message);
            if (current.Count > 0 && (current.Count >= options.MaxItemsPerOrchestration || bytes + size > options.MaxInputBytes))
            {
                slices.Add(current);
                current = [];
                bytes = 0;
            }

            current.Add(message);
            bytes += size;
        }

        if (current.Count > 0)
        {
            slices.Add(current);
        }

        return slices;
    }

    /// <summary>
    /// The accepted event, or the failure of the rejection. Intake never throws for bad input; should it throw
    /// anyway, the record is dead-lettered with the exception's type rather than blocking its partition.
    /// </summary>
    internal static (PipelineEvent? Accepted, DeadLetterFailure? Failure) Accept(Func<KafkaMessage, IntakeResult> accept, KafkaMessage message)
    {
        IntakeResult? verdict;
        try
        {
            verdict = accept(message);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return (null, IntakeFailure($"{PipelineStage.Parse}: intake failed ({exception.GetType().Name})"));
        }

        return verdict switch
        {
            null => (null, IntakeFailure($"{PipelineStage.Parse}: intake returned no verdict")),
            { Event: { } accepted } => (accepted, null),
            _ => (null, verdict.Failure),
        };
    }

    private static DeadLetterFailure IntakeFailure(string detail) => new(DeadLetterStage.Parse, detail) { Source = "intake" };
}
