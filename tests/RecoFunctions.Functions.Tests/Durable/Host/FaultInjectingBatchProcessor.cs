using RecoFunctions.Core.Processing;

namespace RecoFunctions.Functions.Tests.Durable.Host;

/// <summary>
/// The app's batch processor, which can be told to fail its next call half-way: it enriches and delivers the first
/// half of the items for real, then throws as a worker that dies mid-batch would. The durable host then retries the
/// activity with the whole request.
/// </summary>
public sealed class FaultInjectingBatchProcessor(IBatchProcessor inner) : IBatchProcessor
{
    private int _armed;

    /// <summary>The next call delivers half of its items and then throws <see cref="IOException"/>.</summary>
    public void FailNextCallMidBatch() => Volatile.Write(ref _armed, 1);

    public async Task<BatchStepResult> ProcessAsync(BatchStepRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Interlocked.Exchange(ref _armed, 0) == 0)
        {
            return await inner.ProcessAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var half = request with { Items = [.. request.Items.Take(request.Items.Count / 2)] };
        await inner.ProcessAsync(half, cancellationToken).ConfigureAwait(false);
        throw new IOException($"Worker lost after delivering {half.Items.Count} of {request.Items.Count} items.");
    }
}
