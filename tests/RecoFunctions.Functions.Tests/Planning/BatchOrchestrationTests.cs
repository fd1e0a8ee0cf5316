using System.Text;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Workflow;
using RecoFunctions.Functions.Planning;
using RecoFunctions.Testing;

namespace RecoFunctions.Functions.Tests.Planning;

public sealed class BatchOrchestrationTests
{
    private static readonly DateTimeOffset Start = TestClock.Start;

    private static readonly RetryBudget Budget = new(3, TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1));

    private static readonly ActivityRetry Retry = new(5, TimeSpan.FromSeconds(2), 2, TimeSpan.FromMinutes(1));

    [Fact]
    public async Task RunAsync_AllDelivered_CompletesWithoutPublishingOrContinuing()
    {
        var context = new ScriptedOrchestrationContext(Start, ScriptedWorkflowContext.PerItem((item, _) => ItemOutcome.Delivered(item.Id)));

        var outcome = await BatchOrchestration.RunAsync(context, Input(3));

        Assert.Equal([0L, 1L, 2L], outcome.Result.Delivered.Select(o => o.Id.Offset));
        Assert.False(outcome.ContinuedAsNew);
        Assert.Empty(context.PublishAttempts);
        Assert.Empty(context.ContinuedWith);
        Assert.Empty(context.Delays);
    }

    [Fact]
    public async Task RunAsync_DeadLetteredItems_PublishedAsTheyArrivedWithTheirReason()
    {
        var context = new ScriptedOrchestrationContext(Start, ScriptedWorkflowContext.PerItem((item, _) => item.Id.Offset == 1
            ? ItemOutcome.DeadLetter(item.Id, new DeadLetterFailure(DeadLetterStage.Enrich, "content-api 404"))
            : ItemOutcome.Delivered(item.Id)));

        var outcome = await BatchOrchestration.RunAsync(context, Input(3));

        var batch = Assert.Single(context.PublishAttempts);
        Assert.Equal("content", batch.Flow);
        var record = Assert.Single(batch.Records);
        Assert.Equal((TestMessages.Topic, 0, 1L), (record.OriginalTopic, record.OriginalPartition, record.OriginalOffset));
        Assert.Equal(new DeadLetterFailure(DeadLetterStage.Enrich, "content-api 404"), record.Failure);
        Assert.Equal("art-1", record.Key);
        Assert.Equal("ok", Encoding.UTF8.GetString(record.Value.Span));
        Assert.Equal("trace", Assert.Single(record.OriginalHeaders).Key);
        Assert.Equal((1, 0, false), (outcome.DeadLettersPublished, outcome.DeadLettersUnpublished, outcome.ContinuedAsNew));
    }

    [Fact]
    public async Task RunAsync_PendingItems_WaitOnTheTimerThenContinueWithExactlyThose()
    {
        var context = new ScriptedOrchestrationContext(Start, ScriptedWorkflowContext.PerItem((item, _) => item.Id.Offset == 2
            ? ItemOutcome.Later(item.Id, new DeadLetterFailure(DeadLetterStage.Deliver, "recommender-api 503"))
            : ItemOutcome.Delivered(item.Id)));
        var input = Input(4) with { Round = 2 };

        var outcome = await BatchOrchestration.RunAsync(context, input);

        Assert.True(outcome.ContinuedAsNew);
        Assert.Equal("continue", context.Calls[^1]);
        Assert.Equal("delay 00:00:30", context.Calls[^2]);
        var next = Assert.Single(context.ContinuedWith);
        var pending = Assert.Single(next.Workflow.Items);
        Assert.Same(input.Workflow.Items[2], pending);
        Assert.Equal(input.Workflow.Items[2].FirstAttemptAt, pending.FirstAttemptAt);
        Assert.Same(input.Originals[2], Assert.Single(next.Originals));
        Assert.Equal(Budget, next.Workflow.Budget);
        Assert.Equal(Retry, next.ActivityRetry);
        Assert.Equal(3, next.Round);
        Assert.Empty(next.UnpublishedDeadLetters);
    }

    [Fact]
    public async Task RunAsync_PublishingFails_DeadLettersCarriedIntoTheNextRun()
    {
        var context = new ScriptedOrchestrationContext(Start, ScriptedWorkflowContext.PerItem((item, _) =>
            ItemOutcome.DeadLetter(item.Id, new DeadLetterFailure(DeadLetterStage.Deliver, "recommender-api 400"))))
        {
            PublishSucceeds = false,
        };

        var outcome = await BatchOrchestration.RunAsync(context, Input(2));

        Assert.Equal((0, 2, true), (outcome.DeadLettersPublished, outcome.DeadLettersUnpublished, outcome.ContinuedAsNew));
        var next = Assert.Single(context.ContinuedWith);
        Assert.Empty(next.Workflow.Items);
        Assert.Equal([0L, 1L], next.UnpublishedDeadLetters.Select(record => record.OriginalOffset));
        Assert.Equal([TimeSpan.FromSeconds(30)], context.Delays);
    }

    [Fact]
    public async Task RunAsync_CarriedDeadLetters_PublishedWithoutRunningTheWorkflow()
    {
        var carried = DeadLetterRecord.From(TestMessages.Message(0, 9), new DeadLetterFailure(DeadLetterStage.Deliver, "recommender-api 400"), Start);
        var input = new BatchOrchestrationInput(new WorkflowInput("content", [], Budget), [], [carried], Retry, Round: 4);
        var context = new ScriptedOrchestrationContext(Start, _ => throw new InvalidOperationException("no step expected"));

        var outcome = await BatchOrchestration.RunAsync(context, input);

        Assert.Empty(context.Requests);
        Assert.Same(carried, Assert.Single(Assert.Single(context.PublishAttempts).Records));
        Assert.Equal((1, false), (outcome.DeadLettersPublished, outcome.ContinuedAsNew));
    }

    [Fact]
    public async Task RunAsync_CarriedAndNewDeadLetters_PublishedTogether()
    {
        var carried = DeadLetterRecord.From(TestMessages.Message(0, 9), new DeadLetterFailure(DeadLetterStage.Deliver, "earlier"), Start);
        var input = Input(1) with { UnpublishedDeadLetters = [carried] };
        var context = new ScriptedOrchestrationContext(Start, ScriptedWorkflowContext.PerItem((item, _) =>
            ItemOutcome.DeadLetter(item.Id, new DeadLetterFailure(DeadLetterStage.Enrich, "content-api 404"))));

        await BatchOrchestration.RunAsync(context, input);

        Assert.Equal([9L, 0L], Assert.Single(context.PublishAttempts).Records.Select(record => record.OriginalOffset));
    }

    [Fact]
    public async Task RunAsync_DeadLetterTime_ComesFromTheContextClock()
    {
        var context = new ScriptedOrchestrationContext(Start, ScriptedWorkflowContext.PerItem((item, _) =>
            ItemOutcome.DeadLetter(item.Id, new DeadLetterFailure(DeadLetterStage.Enrich, "content-api 404"))));

        await BatchOrchestration.RunAsync(context, Input(1));

        // One step of 100 ms on the scripted clock.
        Assert.Equal(Start.AddMilliseconds(100), Assert.Single(Assert.Single(context.PublishAttempts).Records).DeadLetteredAt);
    }

    [Fact]
    public async Task RunAsync_OriginalMissingFromInput_DeadLetterKeepsTheCoordinates()
    {
        var input = Input(1) with { Originals = [] };
        var context = new ScriptedOrchestrationContext(Start, ScriptedWorkflowContext.PerItem((item, _) =>
            ItemOutcome.DeadLetter(item.Id, new DeadLetterFailure(DeadLetterStage.Enrich, "content-api 404"))));

        await BatchOrchestration.RunAsync(context, input);

        var record = Assert.Single(Assert.Single(context.PublishAttempts).Records);
        Assert.Equal(input.Workflow.Items[0].Id, record.OriginalId);
        Assert.True(record.ValueOmitted);
    }

    private static BatchOrchestrationInput Input(int count)
    {
        var originals = Enumerable.Range(0, count).Select(offset => TestMessages.Message(0, offset)).ToList();
        var items = originals.Select(message => new WorkItem(message.Id, message.Timestamp, Start, TestMessages.Accept(message).Event!)).ToList();
        return new BatchOrchestrationInput(new WorkflowInput("content", items, Budget), originals, [], Retry);
    }
}
