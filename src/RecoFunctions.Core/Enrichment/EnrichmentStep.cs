using RecoFunctions.Core.Services;

namespace RecoFunctions.Core.Enrichment;

/// <summary>Base of the steps: typed records, records a step does not apply to pass through untouched.</summary>
internal abstract class EnrichmentStep<TRecord> : IEnrichmentStep
    where TRecord : EnrichedRecord
{
    public abstract string Name { get; }

    public async Task<IReadOnlyList<StepResult>> EnrichAsync(IReadOnlyList<EnrichedRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var results = new StepResult[records.Count];
        var pending = new List<IndexedItem<TRecord>>(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i] is not TRecord record)
            {
                throw new InvalidOperationException($"Enrichment step '{Name}' enriches {typeof(TRecord).Name}, not {records[i].GetType().Name}.");
            }

            if (Applies(record))
            {
                pending.Add(new IndexedItem<TRecord>(i, record));
            }
            else
            {
                results[i] = StepResult.Ok(record);
            }
        }

        if (pending.Count > 0)
        {
            await EnrichCoreAsync(pending, results, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    public EnrichedRecord Combine(EnrichedRecord into, EnrichedRecord enriched) => Combine((TRecord)into, (TRecord)enriched);

    /// <summary>Whether the record needs this step; removals and retirements usually do not.</summary>
    protected virtual bool Applies(TRecord record) => true;

    /// <summary>Copies this step's part of <paramref name="enriched"/> onto <paramref name="into"/>.</summary>
    protected abstract TRecord Combine(TRecord into, TRecord enriched);

    /// <summary>Enriches <paramref name="pending"/> and writes each one's result to <c>results[item.Index]</c>.</summary>
    protected abstract Task EnrichCoreAsync(IReadOnlyList<IndexedItem<TRecord>> pending, StepResult[] results, CancellationToken cancellationToken);

    protected static void FailAll<T>(ArraySegment<IndexedItem<T>> chunk, ServiceFailure failure, StepResult[] results)
    {
        foreach (var item in chunk)
        {
            results[item.Index] = StepResult.Failed(failure);
        }
    }
}
