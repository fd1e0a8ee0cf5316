using RecoFunctions.Core.Processing;
using RecoFunctions.Core.Workflow;

namespace RecoFunctions.Runtime;

/// <summary>
/// The runtime's side of the batch workflow: steps run through <see cref="InProcessWorkflowContext"/> until the partition
/// is aborted, backoff waits end as soon as it drains (a stop does not sit out a backoff), and every step's answer goes
/// on to the <see cref="BatchFinisher"/> first, so that what was delivered counts as finished even if the run is then cut short.
/// </summary>
internal sealed class RuntimeWorkflowContext(IWorkflowContext steps, IWorkflowContext delays, Action<BatchStepRequest, BatchStepResult> onStep)
    : IWorkflowContext
{
    public DateTimeOffset UtcNow => steps.UtcNow;

    public async Task<BatchStepResult> ProcessAsync(BatchStepRequest request)
    {
        var result = await steps.ProcessAsync(request).ConfigureAwait(false);
        onStep(request, result);
        return result;
    }

    public Task DelayAsync(TimeSpan delay) => delays.DelayAsync(delay);
}
