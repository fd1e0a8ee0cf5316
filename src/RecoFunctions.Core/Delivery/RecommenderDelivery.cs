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
        var pending = new List<PendingDelivery>(records.Count);
        foreach (var record in records)
        {
            pending.Add(new PendingDelivery(record.Index, record.Item.Item.Id, DeliveryOperations.From(record.Item)));
        }

        foreach (var round in KeyOrderedRounds(pending, _call.BatchSize))
        {
            await DeliverRoundAsync(round, outcomes, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The recommender applies one request's operations in request order, but the requests of a call run concurrently. So
    /// a key's versions go together, in the order of the partition, as one unit that the call keeps in one request: a
    /// batch is delivered in one round however often its keys repeat. Only a key with more versions than a request holds
    /// needs more: its versions past the first request's worth go in the next round, after the first has been answered.
    /// </summary>
    private static List<DeliveryRound> KeyOrderedRounds(List<PendingDelivery> pending, int requestSize)
    {
        // Number each key by its first appearance; a batch whose keys are all different is one round of single items.
        var groups = new Dictionary<(string Kind, string Key), int>(pending.Count);
        var groupOf = new int[pending.Count];
        var sizes = new List<int>();
        for (var i = 0; i < pending.Count; i++)
        {
            var key = (pending[i].Operation.Kind, pending[i].Operation.Key);
            if (!groups.TryGetValue(key, out var group))
            {
                group = sizes.Count;
                groups[key] = group;
                sizes.Add(0);
            }

            groupOf[i] = group;
            sizes[group]++;
        }

        if (sizes.Count == pending.Count)
        {
            return [new DeliveryRound(pending, UnitEnds: null)];
        }

        // A stable counting sort by key: each key's versions side by side, in partition order.
        var starts = new int[sizes.Count];
        for (var group = 1; group < starts.Length; group++)
        {
            starts[group] = starts[group - 1] + sizes[group - 1];
        }

        var byKey = new PendingDelivery[pending.Count];
        var next = (int[])starts.Clone();
        for (var i = 0; i < pending.Count; i++)
        {
            byKey[next[groupOf[i]]++] = pending[i];
        }

        var rounds = new List<DeliveryRound>();
        for (var group = 0; group < starts.Length; group++)
        {
            for (int from = 0, round = 0; from < sizes[group]; from += requestSize, round++)
            {
                if (round == rounds.Count)
                {
                    rounds.Add(new DeliveryRound([], []));
                }

                rounds[round].AddUnit(byKey.AsSpan(starts[group] + from, Math.Min(requestSize, sizes[group] - from)));
            }
        }

        return rounds;
    }

    private async Task DeliverRoundAsync(DeliveryRound round, ItemOutcome?[] outcomes, CancellationToken cancellationToken)
    {
        var pending = round.Deliveries;
        var operations = new DeliveryOperation[pending.Count];
        for (var i = 0; i < operations.Length; i++)
        {
            operations[i] = pending[i].Operation;
        }

        var answers = await _call.CallAsync(operations, round.UnitEnds, cancellationToken).ConfigureAwait(false);
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

    /// <summary>The deliveries of one round, a key's versions side by side, and where each key's unit ends (none: all single).</summary>
    private sealed record DeliveryRound(List<PendingDelivery> Deliveries, List<int>? UnitEnds)
    {
        public void AddUnit(ReadOnlySpan<PendingDelivery> versions)
        {
            Deliveries.AddRange(versions);
            UnitEnds!.Add(Deliveries.Count);
        }
    }
}
