using RecoFunctions.Core.Processing;

namespace RecoFunctions.Core.Workflow;

/// <summary>
/// Runs the batch workflow in the self-hosted runtime: steps call the processor directly, delays are timers of the
/// given clock, and cancellation (shutdown) ends a wait or a step early. Kafka offsets stay uncommitted until the
/// workflow finishes, so nothing here needs to be durable. A step's deliveries wait for <c>beforeDelivery</c> when one
/// is given (per-key order across batches), its enrichment does not.
/// </summary>
public sealed class InProcessWorkflowContext(
    IBatchProcessor processor,
    TimeProvider timeProvider,
    CancellationToken cancellationToken,
    Func<CancellationToken, Task>? beforeDelivery = null)
    : IWorkflowContext
{
    private readonly IBatchProcessor _processor = processor ?? throw new ArgumentNullException(nameof(processor));
    private readonly TimeProvider _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));

    public DateTimeOffset UtcNow => _timeProvider.GetUtcNow();

    public Task<BatchStepResult> ProcessAsync(BatchStepRequest request) => beforeDelivery is null
        ? _processor.ProcessAsync(request, cancellationToken)
        : _processor.ProcessAsync(request, beforeDelivery, cancellationToken);

    public Task DelayAsync(TimeSpan delay) => Task.Delay(delay, _timeProvider, cancellationToken);
}
