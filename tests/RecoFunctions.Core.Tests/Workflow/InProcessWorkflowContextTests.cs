using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Tests.Support;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Processing;
using RecoFunctions.Core.Workflow;
using RecoFunctions.Testing;

namespace RecoFunctions.Core.Tests.Workflow;

public sealed class InProcessWorkflowContextTests
{
    [Fact]
    public void UtcNow_ComesFromTheTimeProvider()
    {
        var time = new WatchedTimeProvider();
        var context = new InProcessWorkflowContext(new FakeProcessor(_ => []), time, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal(TestClock.Start.AddMinutes(3), context.UtcNow);
    }

    [Fact]
    public async Task DelayAsync_CompletesOnlyWhenTheClockHasAdvanced()
    {
        var time = new WatchedTimeProvider();
        var context = new InProcessWorkflowContext(new FakeProcessor(_ => []), time, CancellationToken.None);

        var delay = context.DelayAsync(TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(delay.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.1));

        await delay.WaitAsync(Eventually.Timeout);
    }

    [Fact]
    public async Task DelayAsync_Cancelled_EndsTheWait()
    {
        using var shutdown = new CancellationTokenSource();
        var context = new InProcessWorkflowContext(new FakeProcessor(_ => []), new WatchedTimeProvider(), shutdown.Token);

        var delay = context.DelayAsync(TimeSpan.FromHours(1));
        await shutdown.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delay.WaitAsync(Eventually.Timeout));
    }

    [Fact]
    public async Task ProcessAsync_CallsTheProcessorWithTheRunsToken()
    {
        using var shutdown = new CancellationTokenSource();
        var processor = new FakeProcessor(request => [.. request.Items.Select(item => ItemOutcome.Delivered(item.Id))]);
        var context = new InProcessWorkflowContext(processor, new WatchedTimeProvider(), shutdown.Token);
        var request = new BatchStepRequest("content", WorkItems.Range(2, TestClock.Start), 1);

        var result = await context.ProcessAsync(request);

        Assert.Equal(2, result.Outcomes.Count);
        Assert.Same(request, Assert.Single(processor.Requests));
        Assert.Equal(shutdown.Token, processor.Tokens.Single());
    }

    [Fact]
    public async Task ProcessAsync_WithABeforeDeliveryWait_ReachesAProcessorWithoutAGateOnlyOnceItCompletes()
    {
        var processor = new FakeProcessor(request => [.. request.Items.Select(item => ItemOutcome.Delivered(item.Id))]);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var context = new InProcessWorkflowContext(processor, new WatchedTimeProvider(), CancellationToken.None, _ => release.Task);

        var step = context.ProcessAsync(new BatchStepRequest("content", WorkItems.Range(2, TestClock.Start), 1));

        Assert.False(step.IsCompleted);
        Assert.Empty(processor.Requests);
        release.SetResult();
        Assert.Equal(2, (await step.WaitAsync(Eventually.Timeout)).Outcomes.Count);
        Assert.Single(processor.Requests);
    }

    [Fact]
    public async Task RunAsync_InProcess_WaitsOnTheClockBetweenAttempts()
    {
        var time = new WatchedTimeProvider();
        var processor = new FakeProcessor(request => [.. request.Items.Select(item => request.Attempt == 1
            ? ItemOutcome.Later(item.Id, new DeadLetterFailure(DeadLetterStage.Enrich, "content-api circuit open"), TimeSpan.FromSeconds(15))
            : ItemOutcome.Delivered(item.Id))]);
        var context = new InProcessWorkflowContext(processor, time, CancellationToken.None);
        var budget = new RetryBudget(3, TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1));

        var run = BatchWorkflow.RunAsync(context, new WorkflowInput("content", WorkItems.Range(2, time.GetUtcNow()), budget));
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(15), Eventually.Timeout);
        Assert.Single(processor.Requests);
        time.Advance(TimeSpan.FromSeconds(15));
        var result = await run.WaitAsync(Eventually.Timeout);

        Assert.Equal(2, result.Delivered.Count);
        Assert.Equal(2, processor.Requests.Count);
    }

    private sealed class FakeProcessor(Func<BatchStepRequest, IReadOnlyList<ItemOutcome>> answer) : IBatchProcessor
    {
        public List<BatchStepRequest> Requests { get; } = [];

        public List<CancellationToken> Tokens { get; } = [];

        public Task<BatchStepResult> ProcessAsync(BatchStepRequest request, CancellationToken cancellationToken)
        {
            lock (Requests)
            {
                Requests.Add(request);
                Tokens.Add(cancellationToken);
            }

            return Task.FromResult(new BatchStepResult(answer(request)));
        }
    }
}
