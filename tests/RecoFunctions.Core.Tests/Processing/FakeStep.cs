using RecoFunctions.Core.Enrichment;

namespace RecoFunctions.Core.Tests.Processing;

/// <summary>An enrichment step that answers each record with <c>enrich</c> and contributes nothing of its own when combined.</summary>
internal sealed class FakeStep(string name, Func<EnrichedRecord, Task<StepResult>> enrich) : IEnrichmentStep
{
    public string Name { get; } = name;

    public async Task<IReadOnlyList<StepResult>> EnrichAsync(IReadOnlyList<EnrichedRecord> records, CancellationToken cancellationToken) =>
        await Task.WhenAll(records.Select(enrich)).ConfigureAwait(false);

    public EnrichedRecord Combine(EnrichedRecord into, EnrichedRecord enriched) => into;
}
