using RecoFunctions.Core.Processing;

namespace RecoFunctions.Core.Workflow;

/// <summary>
/// What the batch workflow may do. A Durable Functions orchestrator implements it over its context
/// (activities, durable timers, replay-safe time); the self-hosted runtime implements it in process.
/// The workflow must do nothing else: no I/O, clocks or randomness of its own.
/// </summary>
public interface IWorkflowContext
{
    DateTimeOffset UtcNow { get; }

    Task<BatchStepResult> ProcessAsync(BatchStepRequest request);

    Task DelayAsync(TimeSpan delay);
}
