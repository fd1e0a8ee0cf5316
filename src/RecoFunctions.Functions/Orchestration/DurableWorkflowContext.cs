using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Processing;
using RecoFunctions.Functions.Planning;

namespace RecoFunctions.Functions.Orchestration;

/// <summary>
/// The batch orchestration's context over a durable <see cref="TaskOrchestrationContext"/>: time is the replay-safe
/// orchestration time, delays are durable timers, steps and dead-letter publishing are activities with a retry policy
/// for infrastructure failures. An activity that still fails is not allowed to fail the orchestration: its items are
/// retried later (the workflow's budget decides), and its dead letters are kept for the next run. Orchestrator code:
/// no I/O, clocks, randomness or ConfigureAwait(false) here.
/// </summary>
public sealed class DurableWorkflowContext : IBatchOrchestrationContext
{
    private readonly TaskOrchestrationContext _context;
    private readonly TaskOptions _activityOptions;
    private readonly ILogger _logger;

    public DurableWorkflowContext(TaskOrchestrationContext context, ActivityRetry retry, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(retry);
        ArgumentNullException.ThrowIfNull(logger);
        _context = context;
        _logger = logger;
        _activityOptions = TaskOptions.FromRetryPolicy(
            new RetryPolicy(retry.MaxAttempts, retry.FirstInterval, retry.BackoffCoefficient, retry.MaxInterval)
            {
                HandleFailure = failure => ActivityFailures.IsRetriable(failure.ErrorType),
            });
    }

    /// <summary>The orchestration's current time; the durable context reports it as a UTC <see cref="DateTime"/>.</summary>
    public DateTimeOffset UtcNow => new(DateTime.SpecifyKind(_context.CurrentUtcDateTime, DateTimeKind.Utc));

    public async Task<BatchStepResult> ProcessAsync(BatchStepRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var result = await _context.CallActivityAsync<BatchStepResult>(WorkflowActivityNames.ProcessBatch, request, _activityOptions);
            return result ?? BatchStepFailure.RetryAll(request, $"{WorkflowActivityNames.ProcessBatch} returned no result");
        }
        catch (TaskFailedException exception)
        {
            OrchestrationLog.StepFailed(_logger, _context.InstanceId, request.Attempt, exception.FailureDetails.ErrorType, exception);
            return BatchStepFailure.RetryAll(request, $"{WorkflowActivityNames.ProcessBatch} failed: {exception.FailureDetails.ErrorType}");
        }
    }

    public Task DelayAsync(TimeSpan delay) => _context.CreateTimer(delay, CancellationToken.None);

    public async Task<bool> TryPublishDeadLettersAsync(DeadLetterBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        try
        {
            await _context.CallActivityAsync<int>(WorkflowActivityNames.PublishDeadLetters, batch, _activityOptions);
            return true;
        }
        catch (TaskFailedException exception)
        {
            OrchestrationLog.PublishFailed(_logger, _context.InstanceId, batch.Records.Count, exception.FailureDetails.ErrorType, exception);
            return false;
        }
    }

    public void ContinueAsNew(BatchOrchestrationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _context.ContinueAsNew(input);
    }
}
