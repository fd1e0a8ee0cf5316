namespace RecoFunctions.Core.Processing;

/// <summary>Enriches and delivers a set of items through the resilience pipelines; the I/O half of the workflow.</summary>
public interface IBatchProcessor
{
    Task<BatchStepResult> ProcessAsync(BatchStepRequest request, CancellationToken cancellationToken);
}
