using Microsoft.Azure.Functions.Worker;
using RecoFunctions.Core.Processing;
using RecoFunctions.Functions.Planning;

namespace RecoFunctions.Functions.Orchestration;

/// <summary>
/// The batch step as an activity: enrichment and delivery through the resilience pipelines. Downstream failures come
/// back as per-item outcomes; only infrastructure failures throw (and are retried by the orchestrator's policy).
/// </summary>
public sealed class ProcessBatchActivity(IBatchProcessor processor)
{
    [Function(WorkflowActivityNames.ProcessBatch)]
    public Task<BatchStepResult> RunAsync([ActivityTrigger] BatchStepRequest request, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return processor.ProcessAsync(request, context.CancellationToken);
    }
}
