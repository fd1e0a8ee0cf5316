using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Enrichment;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Core.Resilience;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Core.Delivery;

/// <summary>
/// Delivers enriched records through <c>POST /deliveries/batch</c> in chunks and turns the per-operation answers into
/// outcomes: applied → Delivered, stale → Stale, rejected → DeadLettered; a failed call fails its own chunk only.
/// </summary>
internal sealed class RecommenderDelivery
{
    private const string Service = ServiceNames.RecommenderApi;

    private readonly SharedBatchCall<DeliveryOperation, DeliveryResult> _call;

    public RecommenderDelivery(IRecommenderDeliveryClient client, BatchCaller caller)
    {
        _call = caller.Create<DeliveryOperation, DeliveryResult>(
            Service,
            "deliveries.batch",
            async (operations, token) => (await client.DeliverBatchAsync(new DeliveryBatchRequest { Operations = operations }, token).ConfigureAwait(false)).Results);
    }

    /// <summary>Writes the outcome of each record to <c>outcomes[record.Index]</c>.</summary>
    public async Task DeliverAsync(IReadOnlyList<IndexedItem<EnrichedRecord>> records, ItemOutcome?[] outcomes, CancellationToken cancellationToken)
    {
        var pending = new PendingDelivery[records.Count];
        for (var i = 0; i < pending.Length; i++)
        {
            pending[i] = new PendingDelivery(records[i].Index, records[i].Item.Item.Id, DeliveryOperations.From(records[i].Item));
        }

        foreach (var round in KeyOrderedRounds(pending))
        {
            await DeliverRoundAsync(round, outcomes, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The requests of one call run concurrently, so two versions of a key in different requests could reach the recommender
    /// newest first, and the older one would be skipped as stale. The n-th operation of every key goes into round n; rounds
    /// run one after another, so each key's versions arrive in the order of the partition.
    /// </summary>
    private static List<List<PendingDelivery>> KeyOrderedRounds(PendingDelivery[] pending)
    {
        var seen = new Dictionary<(string Kind, string Key), int>();
        var rounds = new List<List<PendingDelivery>>();
        foreach (var delivery in pending)
        {
            var key = (delivery.Operation.Kind, delivery.Operation.Key);
            var round = seen.GetValueOrDefault(key);
            seen[key] = round + 1;
            if (round == rounds.Count)
            {
                rounds.Add([]);
            }

            rounds[round].Add(delivery);
        }

        return rounds;
    }

    private async Task DeliverRoundAsync(List<PendingDelivery> pending, ItemOutcome?[] outcomes, CancellationToken cancellationToken)
    {
        var operations = new DeliveryOperation[pending.Count];
        for (var i = 0; i < operations.Length; i++)
        {
            operations[i] = pending[i].Operation;
        }

        var answers = await _call.CallAsync(operations, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < answers.Length; i++)
        {
            var delivery = pending[i];
            outcomes[delivery.Index] = answers[i].Failure is { } failure
                ? failure.ToOutcome(delivery.Id, DeadLetterStage.Deliver)
                : Map(delivery, answers[i].Answer);
        }
    }

    private static ItemOutcome Map(PendingDelivery delivery, DeliveryResult? result)
    {
        if (result is null || result.Key != delivery.Operation.Key || result.Version != delivery.Operation.Version)
        {
            return LookupFailures.Unmatched(Service).ToOutcome(delivery.Id, DeadLetterStage.Deliver);
        }

        return result.Status switch
        {
            DeliveryStatuses.Applied => ItemOutcome.Delivered(delivery.Id),
            DeliveryStatuses.Stale => ItemOutcome.Stale(delivery.Id),
            DeliveryStatuses.Rejected => ServiceFailure.Labelled(Service, false, "400 rejected", result.Reason, status: 400).ToOutcome(delivery.Id, DeadLetterStage.Deliver),
            _ => ServiceFailure.Labelled(Service, true, $"unknown item status '{result.Status}'").ToOutcome(delivery.Id, DeadLetterStage.Deliver),
        };
    }

    private readonly record struct PendingDelivery(int Index, MessageId Id, DeliveryOperation Operation);
}
