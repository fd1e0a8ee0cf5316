using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Processing;
using RecoFunctions.Functions.Planning;
using RecoFunctions.Testing;

namespace RecoFunctions.Functions.Tests.Planning;

/// <summary>
/// An orchestration context over <see cref="ScriptedWorkflowContext"/>: publishing succeeds or fails as
/// <see cref="PublishSucceeds"/> says, and continue-as-new is recorded (a durable host would end the run there).
/// </summary>
internal sealed class ScriptedOrchestrationContext(DateTimeOffset start, Func<BatchStepRequest, BatchStepResult> script) : IBatchOrchestrationContext
{
    private readonly ScriptedWorkflowContext _workflow = new(start, script);

    public bool PublishSucceeds { get; set; } = true;

    public List<DeadLetterBatch> PublishAttempts { get; } = [];

    public List<BatchOrchestrationInput> ContinuedWith { get; } = [];

    public List<BatchStepRequest> Requests => _workflow.Requests;

    public List<TimeSpan> Delays => _workflow.Delays;

    /// <summary>Every call in order: the workflow's calls plus "publish n" and "continue".</summary>
    public List<string> Calls => _workflow.Calls;

    public DateTimeOffset UtcNow => _workflow.UtcNow;

    public Task<BatchStepResult> ProcessAsync(BatchStepRequest request) => _workflow.ProcessAsync(request);

    public Task DelayAsync(TimeSpan delay) => _workflow.DelayAsync(delay);

    public Task<bool> TryPublishDeadLettersAsync(DeadLetterBatch batch)
    {
        Calls.Add($"publish {batch.Records.Count}");
        PublishAttempts.Add(batch);
        return Task.FromResult(PublishSucceeds);
    }

    public void ContinueAsNew(BatchOrchestrationInput input)
    {
        Calls.Add("continue");
        ContinuedWith.Add(input);
    }
}
