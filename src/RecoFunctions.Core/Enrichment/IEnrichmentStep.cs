namespace RecoFunctions.Core.Enrichment;

/// <summary>
/// One enrichment step of a flow (configured by name in <c>Pipeline:Flows:&lt;flow&gt;:Steps</c>). It enriches a whole
/// batch with as few calls as the service's batch endpoint allows and answers per record. A step reads only the event,
/// never what another step found, so the steps of a flow run concurrently and their parts are combined afterwards.
/// </summary>
internal interface IEnrichmentStep
{
    string Name { get; }

    /// <returns>One result per record, in the same order: the enriched record, or why it could not be enriched.</returns>
    Task<IReadOnlyList<StepResult>> EnrichAsync(IReadOnlyList<EnrichedRecord> records, CancellationToken cancellationToken);

    /// <summary>Copies the part this step filled in <paramref name="enriched"/> (its result for a record) onto <paramref name="into"/> (the same record with the other steps' parts).</summary>
    EnrichedRecord Combine(EnrichedRecord into, EnrichedRecord enriched);
}
