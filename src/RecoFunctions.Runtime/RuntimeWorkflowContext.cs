using RecoFunctions.Core.Processing;
using RecoFunctions.Core.Workflow;

namespace RecoFunctions.Runtime;

/// <summary>
/// The runtime's side of the batch workflow: steps call the processor until the partition is aborted, with their
/// deliveries held at the batch's <see cref="KeyOrderGate"/>; backoff waits end as soon as it drains (a stop does not sit
/// out a backoff); and every step's answer goes on to the <see cref="BatchFinisher"/> first, so that what was delivered
/// counts as finished even if the run is then cut short.
/// </summary>
internal sealed class RuntimeWorkflowContext(
    IBatchProcessor processor,
    TimeProvider timeProvider,
    PartitionLane lane,
    KeyOrderGate gate,
    Action<BatchStepRequest, BatchStepResult> onStep)
    : IWorkflowContext
{
    public DateTimeOffset UtcNow => timeProvider.GetUtcNow();

    public async Task<BatchStepResult> ProcessAsync(BatchStepRequest request)
    {
        var result = await processor.ProcessAsync(request, gate.PassAsync, lane.Aborted).ConfigureAwait(false);
        onStep(request, result);
        return result;
    }

    public Task DelayAsync(TimeSpan delay) => Task.Delay(delay, timeProvider, lane.Draining);
}
