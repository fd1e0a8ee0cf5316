using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Core.Processing;
using RecoFunctions.Core.Workflow;
using RecoFunctions.Testing;

namespace RecoFunctions.Core.Tests.Workflow;

public sealed class BatchWorkflowTests
{
    private static readonly DateTimeOffset Start = TestClock.Start;

    private static readonly RetryBudget Budget = new(
        MaxAttemptsPerRun: 5,
        FirstDelay: TimeSpan.FromSeconds(1),
        BackoffFactor: 2,
        MaxDelay: TimeSpan.FromSeconds(30),
        MaxMessageAge: TimeSpan.FromHours(1));

    [Fact]
    public async Task RunAsync_MixedOutcomes_EachItemEndsWhereItsOutcomesLead()
    {
        var items = WorkItems.Range(5, Start);
        var context = new ScriptedWorkflowContext(Start, ScriptedWorkflowContext.PerItem((item, attempt) => item.Id.Offset switch
        {
            0 => ItemOutcome.Delivered(item.Id),
            1 => ItemOutcome.Stale(item.Id),
            2 => ItemOutcome.DeadLetter(item.Id, new DeadLetterFailure(DeadLetterStage.Enrich, "content-api 404")),
            3 => attempt < 2 ? ItemOutcome.Later(item.Id, new DeadLetterFailure(DeadLetterStage.Deliver, "recommender-api 503")) : ItemOutcome.Delivered(item.Id),
            _ => attempt < 3 ? ItemOutcome.Later(item.Id, new DeadLetterFailure(DeadLetterStage.Enrich, "content-api timeout")) : ItemOutcome.DeadLetter(item.Id, new DeadLetterFailure(DeadLetterStage.Deliver, "recommender-api 400")),
        }));

        var result = await BatchWorkflow.RunAsync(context, new WorkflowInput("content", items, Budget));

        Assert.Equal([0L, 1L, 3L], Offsets(result.Delivered));
        Assert.Equal([2L, 4L], Offsets(result.DeadLettered));
        Assert.Empty(result.Pending);
        Assert.Equal("recommender-api 400", result.DeadLettered.Single(outcome => outcome.Id.Offset == 4).Reason);
        Assert.Equal([[0L, 1L, 2L, 3L, 4L], [3L, 4L], [4L]], context.Requests.Select(request => request.Items.Select(item => item.Id.Offset).ToArray()));
        Assert.Equal([1, 2, 3], context.Requests.Select(request => request.Attempt));
        Assert.All(context.Requests, request => Assert.Equal("content", request.Flow));
    }

    [Fact]
    public async Task RunAsync_StaleOutcome_CountsAsDelivered()
    {
        var items = WorkItems.Range(2, Start);
        var context = new ScriptedWorkflowContext(Start, ScriptedWorkflowContext.PerItem((item, _) => ItemOutcome.Stale(item.Id)));

        var result = await BatchWorkflow.RunAsync(context, new WorkflowInput("content", items, Budget));

        Assert.Equal([0L, 1L], Offsets(result.Delivered));
        Assert.All(result.Delivered, outcome => Assert.Equal(OutcomeKind.Stale, outcome.Kind));
        Assert.Empty(result.DeadLettered);
        Assert.Empty(result.Pending);
        Assert.Single(context.Requests);
        Assert.Empty(context.Delays);
    }

    [Fact]
    public async Task RunAsync_OutageLongerThanTheBudget_ItemsPendingNotDeadLettered()
    {
        var items = WorkItems.Range(3, Start);
        var context = new ScriptedWorkflowContext(Start, ScriptedWorkflowContext.PerItem((item, attempt) => item.Id.Offset == 0
            ? ItemOutcome.Delivered(item.Id)
            : ItemOutcome.Later(item.Id, new DeadLetterFailure(DeadLetterStage.Enrich, $"content-api 503 (attempt {attempt})"))));

        var result = await BatchWorkflow.RunAsync(context, new WorkflowInput("content", items, Budget));

        Assert.Equal([0L], Offsets(result.Delivered));
        Assert.Empty(result.DeadLettered);
        Assert.Equal([1L, 2L], Offsets(result.Pending));
        Assert.All(result.Pending, outcome => Assert.Equal(OutcomeKind.RetryLater, outcome.Kind));
        Assert.All(result.Pending, outcome => Assert.Equal("content-api 503 (attempt 5)", outcome.Reason));
        Assert.Equal(Budget.MaxAttemptsPerRun, context.Requests.Count);
        Assert.Equal(Budget.MaxAttemptsPerRun - 1, context.Delays.Count);
    }

    [Fact]
    public async Task RunAsync_OutagePastMaxMessageAge_OldItemsDeadLetteredYoungOnesPending()
    {
        var old = WorkItems.Content(0, Start - TimeSpan.FromHours(2));
        var young = WorkItems.Content(1, Start - TimeSpan.FromMinutes(5));
        var context = new ScriptedWorkflowContext(Start, ScriptedWorkflowContext.PerItem((item, _) =>
            ItemOutcome.Later(item.Id, new DeadLetterFailure(DeadLetterStage.Enrich, "content-api circuit open"), TimeSpan.FromSeconds(15))));

        var result = await BatchWorkflow.RunAsync(context, new WorkflowInput("content", [old, young], Budget));

        var deadLetter = Assert.Single(result.DeadLettered);
        Assert.Equal(old.Id, deadLetter.Id);
        Assert.Equal(OutcomeKind.DeadLettered, deadLetter.Kind);
        Assert.Equal(PipelineStage.Workflow, deadLetter.Stage);
        Assert.Equal("retry budget exhausted: content-api circuit open", deadLetter.Reason);
        Assert.Equal([young.Id], result.Pending.Select(outcome => outcome.Id));
        Assert.Empty(result.Delivered);
    }

    [Fact]
    public async Task RunAsync_ItemCrossesMaxMessageAgeDuringTheRun_AgeMeasuredAtTheEnd()
    {
        var budget = Budget with { MaxMessageAge = TimeSpan.FromMinutes(1), MaxAttemptsPerRun = 3, FirstDelay = TimeSpan.FromSeconds(30) };
        var item = WorkItems.Content(0, Start - TimeSpan.FromSeconds(20));
        var context = new ScriptedWorkflowContext(Start, ScriptedWorkflowContext.PerItem((i, _) => ItemOutcome.Later(i.Id, new DeadLetterFailure(DeadLetterStage.Deliver, "recommender-api 503"))));

        var result = await BatchWorkflow.RunAsync(context, new WorkflowInput("content", [item], budget));

        Assert.Single(result.DeadLettered);
        Assert.Empty(result.Pending);
    }

    [Fact]
    public async Task RunAsync_RepeatedTransientFailures_DelaysFollowExponentialBackoffWithinJitterAndCap()
    {
        var budget = Budget with { MaxAttemptsPerRun = 7, MaxDelay = TimeSpan.FromSeconds(10) };
        var context = new ScriptedWorkflowContext(Start, ScriptedWorkflowContext.PerItem((item, _) => ItemOutcome.Later(item.Id, new DeadLetterFailure(DeadLetterStage.Enrich, "timeout"))));

        await BatchWorkflow.RunAsync(context, new WorkflowInput("content", WorkItems.Range(3, Start), budget));

        double[] expectedSeconds = [1, 2, 4, 8, 10, 10];
        Assert.Equal(expectedSeconds.Length, context.Delays.Count);
        for (var index = 0; index < expectedSeconds.Length; index++)
        {
            var expected = TimeSpan.FromSeconds(expectedSeconds[index]);
            var highest = TimeSpan.FromSeconds(Math.Min(expectedSeconds[index] * 1.1, 10));
            Assert.InRange(context.Delays[index], expected, highest);
        }
    }

    [Fact]
    public async Task RunAsync_RetryAfterLongerThanBackoff_WaitsForTheLargestRetryAfter()
    {
        var context = new ScriptedWorkflowContext(Start, ScriptedWorkflowContext.PerItem((item, attempt) => attempt == 1
            ? ItemOutcome.Later(item.Id, new DeadLetterFailure(DeadLetterStage.Enrich, "content-api circuit open"), TimeSpan.FromSeconds(item.Id.Offset == 0 ? 4 : 12))
            : ItemOutcome.Delivered(item.Id)));

        var result = await BatchWorkflow.RunAsync(context, new WorkflowInput("content", WorkItems.Range(2, Start), Budget));

        Assert.Equal([TimeSpan.FromSeconds(12)], context.Delays);
        Assert.Equal(2, result.Delivered.Count);
    }

    [Fact]
    public async Task RunAsync_RetryAfterBeyondMaxDelay_CappedAtMaxDelay()
    {
        var context = new ScriptedWorkflowContext(Start, ScriptedWorkflowContext.PerItem((item, attempt) => attempt == 1
            ? ItemOutcome.Later(item.Id, new DeadLetterFailure(DeadLetterStage.Deliver, "recommender-api 429"), TimeSpan.FromMinutes(10))
            : ItemOutcome.Delivered(item.Id)));

        await BatchWorkflow.RunAsync(context, new WorkflowInput("content", WorkItems.Range(1, Start), Budget));

        Assert.Equal([Budget.MaxDelay], context.Delays);
    }

    [Fact]
    public async Task RunAsync_RetryAfterShorterThanBackoff_BackoffWins()
    {
        var context = new ScriptedWorkflowContext(Start, ScriptedWorkflowContext.PerItem((item, attempt) => attempt == 1
            ? ItemOutcome.Later(item.Id, new DeadLetterFailure(DeadLetterStage.Deliver, "recommender-api 429"), TimeSpan.FromMilliseconds(100))
            : ItemOutcome.Delivered(item.Id)));

        await BatchWorkflow.RunAsync(context, new WorkflowInput("content", WorkItems.Range(1, Start), Budget));

        Assert.InRange(Assert.Single(context.Delays), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.1));
    }

    [Fact]
    public async Task RunAsync_ProcessorOmitsAnItem_ItemIsRetried()
    {
        var context = new ScriptedWorkflowContext(Start, ScriptedWorkflowContext.PerItem((item, attempt) =>
            item.Id.Offset == 1 && attempt == 1 ? null : ItemOutcome.Delivered(item.Id)));

        var result = await BatchWorkflow.RunAsync(context, new WorkflowInput("content", WorkItems.Range(3, Start), Budget));

        Assert.Equal([0L, 2L, 1L], Offsets(result.Delivered));
        Assert.Equal([1L], context.Requests[1].Items.Select(item => item.Id.Offset));
    }

    [Fact]
    public async Task RunAsync_ProcessorNeverAnswersForAnItem_PendingWithMissingOutcomeReason()
    {
        var context = new ScriptedWorkflowContext(Start, _ => new BatchStepResult([]));

        var result = await BatchWorkflow.RunAsync(context, new WorkflowInput("content", WorkItems.Range(1, Start), Budget));

        var pending = Assert.Single(result.Pending);
        Assert.Equal(PipelineStage.Workflow, pending.Stage);
        Assert.Equal(BatchWorkflow.MissingOutcomeReason, pending.Reason);
    }

    [Fact]
    public async Task RunAsync_DuplicateAndForeignOutcomes_FirstOutcomePerItemWinsOthersIgnored()
    {
        var items = WorkItems.Range(2, Start);
        var foreign = new MessageId("cm.events.v1", 3, 99);
        var context = new ScriptedWorkflowContext(Start, _ => new BatchStepResult(
        [
            ItemOutcome.Delivered(items[0].Id),
            ItemOutcome.DeadLetter(items[0].Id, new DeadLetterFailure(DeadLetterStage.Deliver, "recommender-api 400")),
            ItemOutcome.DeadLetter(items[1].Id, new DeadLetterFailure(DeadLetterStage.Enrich, "content-api 404")),
            ItemOutcome.Delivered(items[1].Id),
            ItemOutcome.Delivered(foreign),
        ]));

        var result = await BatchWorkflow.RunAsync(context, new WorkflowInput("content", items, Budget));

        Assert.Equal([items[0].Id], result.Delivered.Select(outcome => outcome.Id));
        Assert.Equal([items[1].Id], result.DeadLettered.Select(outcome => outcome.Id));
        Assert.Empty(result.Pending);
    }

    [Fact]
    public async Task RunAsync_OutcomesInAnotherOrderThanTheItems_EachOutcomeGoesToItsItem()
    {
        var items = WorkItems.Range(3, Start);
        var context = new ScriptedWorkflowContext(Start, _ => new BatchStepResult(
        [
            ItemOutcome.DeadLetter(items[2].Id, new DeadLetterFailure(DeadLetterStage.Deliver, "recommender-api 400")),
            ItemOutcome.Delivered(items[0].Id),
            ItemOutcome.Stale(items[1].Id),
        ]));

        var result = await BatchWorkflow.RunAsync(context, new WorkflowInput("content", items, Budget));

        Assert.Equal([items[0].Id, items[1].Id], result.Delivered.Select(outcome => outcome.Id));
        Assert.Equal([items[2].Id], result.DeadLettered.Select(outcome => outcome.Id));
    }

    [Fact]
    public async Task RunAsync_SameItemTwiceAmongOthers_ProcessedOnceInFirstAppearanceOrder()
    {
        var items = WorkItems.Range(3, Start);
        var context = new ScriptedWorkflowContext(Start, ScriptedWorkflowContext.PerItem((i, _) => ItemOutcome.Delivered(i.Id)));

        var result = await BatchWorkflow.RunAsync(context, new WorkflowInput("content", [items[0], items[1], items[0], items[2]], Budget));

        Assert.Equal([items[0].Id, items[1].Id, items[2].Id], context.Requests[0].Items.Select(item => item.Id));
        Assert.Equal(3, result.Delivered.Count);
    }

    [Fact]
    public async Task RunAsync_DuplicateInputItems_ProcessedOnce()
    {
        var item = WorkItems.Content(7, Start);
        var context = new ScriptedWorkflowContext(Start, ScriptedWorkflowContext.PerItem((i, _) => ItemOutcome.Delivered(i.Id)));

        var result = await BatchWorkflow.RunAsync(context, new WorkflowInput("content", [item, item], Budget));

        Assert.Single(context.Requests[0].Items);
        Assert.Single(result.Delivered);
    }

    [Fact]
    public async Task RunAsync_SameScriptTwice_IdenticalContextCallSequences()
    {
        static ScriptedWorkflowContext NewContext() => new(Start, ScriptedWorkflowContext.PerItem((item, attempt) => (item.Id.Offset % 4, attempt) switch
        {
            (0, _) => ItemOutcome.Delivered(item.Id),
            (1, < 3) => ItemOutcome.Later(item.Id, new DeadLetterFailure(DeadLetterStage.Enrich, "503"), TimeSpan.FromSeconds(item.Id.Offset)),
            (1, _) => ItemOutcome.Stale(item.Id),
            (2, _) => ItemOutcome.Later(item.Id, new DeadLetterFailure(DeadLetterStage.Deliver, "timeout")),
            _ => ItemOutcome.DeadLetter(item.Id, new DeadLetterFailure(DeadLetterStage.Deliver, "400")),
        }));
        var items = WorkItems.Range(12, Start - TimeSpan.FromMinutes(30));
        var first = NewContext();
        var second = NewContext();

        var firstResult = await BatchWorkflow.RunAsync(first, new WorkflowInput("content", items, Budget));
        var secondResult = await BatchWorkflow.RunAsync(second, new WorkflowInput("content", items, Budget));

        Assert.Equal(first.Calls, second.Calls);
        Assert.Equal(firstResult.Delivered, secondResult.Delivered);
        Assert.Equal(firstResult.DeadLettered, secondResult.DeadLettered);
        Assert.Equal(firstResult.Pending, secondResult.Pending);
        Assert.Equal(Budget.MaxAttemptsPerRun, first.Requests.Count);
    }

    [Fact]
    public async Task RunAsync_DifferentBatches_JitterSpreadsTheirDelays()
    {
        var delays = new HashSet<TimeSpan>();
        for (var batch = 0; batch < 5; batch++)
        {
            var context = new ScriptedWorkflowContext(Start, ScriptedWorkflowContext.PerItem((item, attempt) =>
                attempt == 1 ? ItemOutcome.Later(item.Id, new DeadLetterFailure(DeadLetterStage.Enrich, "503")) : ItemOutcome.Delivered(item.Id)));
            await BatchWorkflow.RunAsync(context, new WorkflowInput("content", [WorkItems.Content(batch * 100, Start)], Budget));
            delays.Add(Assert.Single(context.Delays));
        }

        Assert.True(delays.Count > 1, "every batch waited exactly as long as the others");
    }

    [Fact]
    public async Task RunAsync_RandomScripts_EveryItemEndsInExactlyOneList()
    {
        var random = new Random(20261121);
        for (var run = 0; run < 200; run++)
        {
            var items = Enumerable.Range(0, random.Next(0, 20))
                .Select(offset => WorkItems.Content(offset, Start - TimeSpan.FromMinutes(random.Next(0, 120))))
                .ToList();
            var kinds = items.ToDictionary(item => item.Id, _ => Enumerable.Range(0, 10).Select(_ => random.Next(0, 5)).ToArray());
            var context = new ScriptedWorkflowContext(Start, ScriptedWorkflowContext.PerItem((item, attempt) => kinds[item.Id][attempt] switch
            {
                0 => ItemOutcome.Delivered(item.Id),
                1 => ItemOutcome.Stale(item.Id),
                2 => ItemOutcome.DeadLetter(item.Id, new DeadLetterFailure(DeadLetterStage.Enrich, "404")),
                3 => null,
                _ => ItemOutcome.Later(item.Id, new DeadLetterFailure(DeadLetterStage.Deliver, "503")),
            }));

            var result = await BatchWorkflow.RunAsync(context, new WorkflowInput("content", items, Budget));

            var ended = result.Delivered.Concat(result.DeadLettered).Concat(result.Pending).Select(outcome => outcome.Id).ToList();
            Assert.Equal(items.Count, ended.Count);
            Assert.Equal(items.Select(item => item.Id).ToHashSet(), ended.ToHashSet());
        }
    }

    [Fact]
    public async Task RunAsync_NoItems_ReturnsEmptyWithoutCallingTheProcessor()
    {
        var context = new ScriptedWorkflowContext(Start, _ => throw new InvalidOperationException("must not be called"));

        var result = await BatchWorkflow.RunAsync(context, new WorkflowInput("content", [], Budget));

        Assert.Empty(result.Delivered);
        Assert.Empty(result.DeadLettered);
        Assert.Empty(result.Pending);
        Assert.Empty(context.Calls);
    }

    [Fact]
    public async Task RunAsync_BudgetWithoutAttempts_Rejected()
    {
        var context = new ScriptedWorkflowContext(Start, _ => new BatchStepResult([]));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            BatchWorkflow.RunAsync(context, new WorkflowInput("content", WorkItems.Range(1, Start), Budget with { MaxAttemptsPerRun = 0 })));
    }

    private static long[] Offsets(IEnumerable<ItemOutcome> outcomes) => [.. outcomes.Select(outcome => outcome.Id.Offset)];
}
