using Microsoft.Extensions.Logging;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Delivery;
using RecoFunctions.Core.Diagnostics;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Enrichment;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Services;
using RecoFunctions.Core.Parsing;

namespace RecoFunctions.Core.Processing;

/// <summary>
/// Enriches a batch of one flow through the flow's configured steps, then delivers what was enriched, and answers one
/// outcome per item: permanent failures (non-transient 4xx) are dead-lettered with the stage and a reason naming the
/// service and status; transient ones (5xx, 408, 429, timeouts, connection failures, open breakers) come back as
/// RetryLater, with the delay the service or breaker asked for when known. Registered by <c>AddRecoServices</c>.
/// </summary>
public sealed class BatchProcessor : IBatchProcessor
{
    private static readonly Func<CancellationToken, Task> NoWait = static _ => Task.CompletedTask;

    private readonly FlowRegistry _flows;
    private readonly EnrichmentStepCatalog _steps;
    private readonly RecommenderDelivery _delivery;
    private readonly ServiceMetrics _metrics;
    private readonly ILogger<BatchProcessor> _logger;

    internal BatchProcessor(
        FlowRegistry flows,
        EnrichmentStepCatalog steps,
        RecommenderDelivery delivery,
        ServiceMetrics metrics,
        ILogger<BatchProcessor> logger)
    {
        _flows = flows;
        _steps = steps;
        _delivery = delivery;
        _metrics = metrics;
        _logger = logger;
    }

    /// <exception cref="KeyNotFoundException">The request names no enabled flow.</exception>
    public Task<BatchStepResult> ProcessAsync(BatchStepRequest request, CancellationToken cancellationToken) =>
        ProcessAsync(request, NoWait, cancellationToken);

    /// <summary>Enriches at once; delivers once <paramref name="beforeDelivery"/> completes, if anything is left to deliver.</summary>
    /// <exception cref="KeyNotFoundException">The request names no enabled flow.</exception>
    public async Task<BatchStepResult> ProcessAsync(BatchStepRequest request, Func<CancellationToken, Task> beforeDelivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(beforeDelivery);
        var flow = _flows.Get(request.Flow);
        if (request.Items.Count == 0)
        {
            return new BatchStepResult([]);
        }

        var outcomes = new ItemOutcome?[request.Items.Count];
        var active = Admit(flow, request.Items, outcomes);
        var steps = _steps.StepsFor(flow);
        if (active.Count > 0 && steps.Count > 0)
        {
            active = await EnrichAsync(steps, active, outcomes, cancellationToken).ConfigureAwait(false);
        }

        if (active.Count > 0)
        {
            await beforeDelivery(cancellationToken).ConfigureAwait(false);
            await _delivery.DeliverAsync(active, outcomes, cancellationToken).ConfigureAwait(false);
        }

        var result = Complete(flow, request, outcomes);
        Report(flow.Name, request.Attempt, result);
        return result;
    }

    private static List<IndexedItem<EnrichedRecord>> Admit(FlowDefinition flow, IReadOnlyList<WorkItem> items, ItemOutcome?[] outcomes)
    {
        var active = new List<IndexedItem<EnrichedRecord>>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (EnrichedRecord.Create(flow.Contract, items[i]) is { } record)
            {
                active.Add(new IndexedItem<EnrichedRecord>(i, record));
            }
            else
            {
                outcomes[i] = ItemOutcome.DeadLetter(
                    items[i].Id,
                    new DeadLetterFailure(DeadLetterStage.Enrich, $"flow '{flow.Name}' does not take {items[i].Event.GetType().Name} events") { Source = RuleNames.Flow });
            }
        }

        return active;
    }

    /// <summary>
    /// Runs the steps concurrently over the same records (no step reads another's result) and combines their parts. A
    /// record that fails a step fails with the first failing step in configured order, as if they had run one by one.
    /// </summary>
    private static async Task<List<IndexedItem<EnrichedRecord>>> EnrichAsync(
        IReadOnlyList<IEnrichmentStep> steps, List<IndexedItem<EnrichedRecord>> active, ItemOutcome?[] outcomes, CancellationToken cancellationToken)
    {
        var records = new EnrichedRecord[active.Count];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = active[i].Item;
        }

        var runs = new Task<IReadOnlyList<StepResult>>[steps.Count];
        for (var s = 0; s < runs.Length; s++)
        {
            runs[s] = steps[s].EnrichAsync(records, cancellationToken);
        }

        var results = await Task.WhenAll(runs).ConfigureAwait(false);
        var next = new List<IndexedItem<EnrichedRecord>>(active.Count);
        for (var i = 0; i < active.Count; i++)
        {
            var (index, record) = active[i];
            if (Combine(steps, results, i) is { } enriched)
            {
                next.Add(new IndexedItem<EnrichedRecord>(index, enriched));
            }
            else
            {
                outcomes[index] = FirstFailure(steps, results, i).ToOutcome(record.Item.Id, DeadLetterStage.Enrich);
            }
        }

        return next;
    }

    /// <returns>The record with every step's part, or <see langword="null"/> when a step failed it.</returns>
    private static EnrichedRecord? Combine(IReadOnlyList<IEnrichmentStep> steps, IReadOnlyList<StepResult>[] results, int position)
    {
        EnrichedRecord? combined = null;
        for (var s = 0; s < steps.Count; s++)
        {
            if (ResultAt(results[s], position).Record is not { } enriched)
            {
                return null;
            }

            combined = combined is null ? enriched : steps[s].Combine(combined, enriched);
        }

        return combined;
    }

    private static ServiceFailure FirstFailure(IReadOnlyList<IEnrichmentStep> steps, IReadOnlyList<StepResult>[] results, int position)
    {
        for (var s = 0; s < steps.Count; s++)
        {
            var result = ResultAt(results[s], position);
            if (result.Record is null)
            {
                return result.Failure ?? ServiceFailure.Labelled(steps[s].Name, true, "step gave no result");
            }
        }

        throw new InvalidOperationException("No step failed the record.");
    }

    private static StepResult ResultAt(IReadOnlyList<StepResult> results, int position) =>
        position < results.Count ? results[position] : default;

    private BatchStepResult Complete(FlowDefinition flow, BatchStepRequest request, ItemOutcome?[] outcomes)
    {
        var complete = new ItemOutcome[outcomes.Length];
        for (var i = 0; i < outcomes.Length; i++)
        {
            if (outcomes[i] is { } outcome)
            {
                complete[i] = outcome;
            }
            else
            {
                // Never drop an item: one without an answer is retried.
                BatchProcessorLog.MissingOutcome(_logger, flow.Name, request.Items[i].Id.ToString());
                complete[i] = ItemOutcome.Later(request.Items[i].Id, new DeadLetterFailure(DeadLetterStage.Workflow, "no outcome was recorded") { Source = "processor", IsTransient = true });
            }
        }

        return new BatchStepResult(complete);
    }

    private void Report(string flow, int attempt, BatchStepResult result)
    {
        long delivered = 0, stale = 0, deadLettered = 0, retryLater = 0;
        foreach (var outcome in result.Outcomes)
        {
            switch (outcome.Kind)
            {
                case OutcomeKind.Delivered:
                    delivered++;
                    break;
                case OutcomeKind.Stale:
                    stale++;
                    break;
                case OutcomeKind.DeadLettered:
                    deadLettered++;
                    _metrics.RecordOutcomes(flow, "dead-lettered", outcome.Stage, 1);
                    break;
                default:
                    retryLater++;
                    _metrics.RecordOutcomes(flow, "retry-later", outcome.Stage, 1);
                    break;
            }
        }

        _metrics.RecordOutcomes(flow, "delivered", PipelineStage.Deliver, delivered);
        _metrics.RecordOutcomes(flow, "stale", PipelineStage.Deliver, stale);
        BatchProcessorLog.Processed(_logger, flow, attempt, result.Outcomes.Count, delivered, stale, deadLettered, retryLater);
    }
}
