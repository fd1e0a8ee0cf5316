namespace RecoFunctions.Core.Processing;

/// <summary>Enriches and delivers a set of items through the resilience pipelines; the I/O half of the workflow.</summary>
public interface IBatchProcessor
{
    Task<BatchStepResult> ProcessAsync(BatchStepRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="ProcessAsync(BatchStepRequest, CancellationToken)"/>, with the deliveries held until
    /// <paramref name="beforeDelivery"/> completes: per-key order concerns deliveries only, so a processor may enrich
    /// meanwhile. This default waits before anything. An exception from <paramref name="beforeDelivery"/> ends the step
    /// with it, nothing delivered.
    /// </summary>
    async Task<BatchStepResult> ProcessAsync(BatchStepRequest request, Func<CancellationToken, Task> beforeDelivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(beforeDelivery);
        await beforeDelivery(cancellationToken).ConfigureAwait(false);
        return await ProcessAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
