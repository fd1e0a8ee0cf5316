using RecoFunctions.Core.Services;

namespace RecoFunctions.Core.Enrichment;

/// <summary>The result of one step for one record: exactly one of <see cref="Record"/> and <see cref="Failure"/> is set.</summary>
internal readonly record struct StepResult(EnrichedRecord? Record, ServiceFailure? Failure)
{
    public static StepResult Ok(EnrichedRecord record) => new(record, null);

    public static StepResult Failed(ServiceFailure failure) => new(null, failure);
}
