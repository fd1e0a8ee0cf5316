using System.Text;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Intake;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Core.Workflow;
using RecoFunctions.Functions.Planning;
using RecoFunctions.Testing;

namespace RecoFunctions.Functions.Tests.Planning;

public sealed class BatchSplitterTests
{
    private static readonly DateTimeOffset Now = TestClock.Start;

    private static readonly RetryBudget Budget = new(5, TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1));

    [Fact]
    public void Plan_SeveralPartitions_OneOrchestrationPerPartitionSlice()
    {
        var messages = new[] { TestMessages.Message(1, 7), TestMessages.Message(0, 3), TestMessages.Message(1, 8), TestMessages.Message(0, 4) };

        var plan = Plan(messages);

        Assert.Equal(
            ["content_oicms.content.v1_0_3-4", "content_oicms.content.v1_1_7-8"],
            plan.Orchestrations.Select(orchestration => orchestration.InstanceId));
        Assert.Equal([[3L, 4L], [7L, 8L]], plan.Orchestrations.Select(orchestration => Offsets(orchestration.Input.Workflow.Items)));
        Assert.All(plan.Orchestrations, orchestration => Assert.Equal("content", orchestration.Input.Workflow.Flow));
        Assert.Empty(plan.DeadLetters);
        Assert.Equal(4, plan.Accepted);
    }

    [Fact]
    public void Plan_IdenticalRedeliveredBatch_SameInstanceIds()
    {
        var messages = Enumerable.Range(0, 10).Select(offset => TestMessages.Message(offset % 2, offset)).ToArray();
        var options = new OrchestrationOptions { MaxItemsPerOrchestration = 3 };

        var first = Plan(messages, options);
        var again = Plan([.. messages.Reverse()], options);

        Assert.Equal(first.Orchestrations.Select(o => o.InstanceId), again.Orchestrations.Select(o => o.InstanceId));
    }

    [Fact]
    public void Plan_RedeliveredBatchThatGrew_KeepsFullSlicesAndGivesTheLongerTailANewId()
    {
        var options = new OrchestrationOptions { MaxItemsPerOrchestration = 3 };
        var first = Plan([.. Enumerable.Range(0, 5).Select(offset => TestMessages.Message(0, offset))], options);
        var grown = Plan([.. Enumerable.Range(0, 6).Select(offset => TestMessages.Message(0, offset))], options);

        Assert.Equal(["content_oicms.content.v1_0_0-2", "content_oicms.content.v1_0_3-4"], first.Orchestrations.Select(o => o.InstanceId));
        Assert.Equal(["content_oicms.content.v1_0_0-2", "content_oicms.content.v1_0_3-5"], grown.Orchestrations.Select(o => o.InstanceId));
    }

    [Fact]
    public void Plan_SliceByteBudget_CutsBeforeTheRecordThatWouldExceedIt()
    {
        var big = "ok" + new string('x', 498);
        var messages = Enumerable.Range(0, 5).Select(offset => TestMessages.Message(0, offset, big)).ToArray();
        var options = new OrchestrationOptions { MaxInputBytes = (int)(2 * BatchSplitter.EstimatedInputBytes(messages[0])) };

        var plan = Plan(messages, options);

        Assert.Equal([[0L, 1L], [2L, 3L], [4L]], plan.Orchestrations.Select(o => Offsets(o.Input.Workflow.Items)));
    }

    [Fact]
    public void EstimatedInputBytes_ValueKeyAndHeaders_CountedThreeTimesOnTopOfTheRecordsShare()
    {
        var message = TestMessages.Message(0, 0, "ok" + new string('x', 98)) with { Headers = [new KafkaHeader("trace", [1, 2, 3])] };

        var estimate = BatchSplitter.EstimatedInputBytes(message);

        Assert.Equal(1024 + (3 * (100 + message.Key!.Length + 5 + 3)), estimate);
    }

    [Fact]
    public void Plan_RecordLargerThanTheByteBudget_GetsASliceOfItsOwn()
    {
        var messages = new[] { TestMessages.Message(0, 0), TestMessages.Message(0, 1, "ok" + new string('x', 4000)), TestMessages.Message(0, 2) };
        var options = new OrchestrationOptions { MaxInputBytes = (int)(3 * BatchSplitter.EstimatedInputBytes(messages[0])) };

        var plan = Plan(messages, options);

        Assert.Equal([[0L], [1L], [2L]], plan.Orchestrations.Select(o => Offsets(o.Input.Workflow.Items)));
    }

    [Fact]
    public void Plan_InvalidMessages_DeadLetteredAtOnceWithReasonAndOriginal()
    {
        var messages = new[] { TestMessages.Message(0, 0), TestMessages.Message(0, 1, "bad", key: "art-x"), TestMessages.Message(0, 2) };

        var plan = Plan(messages);

        var deadLetter = Assert.Single(plan.DeadLetters);
        Assert.Equal(new MessageId(TestMessages.Topic, 0, 1), deadLetter.OriginalId);
        Assert.Equal(new DeadLetterFailure(DeadLetterStage.Validate, "validate: maxLength at $.content.title") { Source = "maxLength" }, deadLetter.Failure);
        Assert.Equal("art-x", deadLetter.Key);
        Assert.Equal("bad", Encoding.UTF8.GetString(deadLetter.Value.Span));
        Assert.Equal(Now, deadLetter.DeadLetteredAt);
        Assert.Equal([0L, 2L], Offsets(Assert.Single(plan.Orchestrations).Input.Workflow.Items));
    }

    [Fact]
    public void Plan_InvalidMessagesCountTowardSliceBoundaries_SoValidityDoesNotMoveIds()
    {
        var options = new OrchestrationOptions { MaxItemsPerOrchestration = 2 };
        var allValid = Plan([.. Enumerable.Range(0, 4).Select(offset => TestMessages.Message(0, offset))], options);
        var secondInvalid = Plan([TestMessages.Message(0, 0), TestMessages.Message(0, 1, "bad"), TestMessages.Message(0, 2), TestMessages.Message(0, 3)], options);

        Assert.Equal(allValid.Orchestrations.Select(o => o.InstanceId), secondInvalid.Orchestrations.Select(o => o.InstanceId));
        Assert.Equal([[0L], [2L, 3L]], secondInvalid.Orchestrations.Select(o => Offsets(o.Input.Workflow.Items)));
    }

    [Fact]
    public void Plan_SliceWithOnlyInvalidMessages_SchedulesNothingForIt()
    {
        var plan = Plan([TestMessages.Message(0, 0, "bad"), TestMessages.Message(0, 1, "bad")]);

        Assert.Empty(plan.Orchestrations);
        Assert.Equal(2, plan.DeadLetters.Count);
        Assert.Equal(0, plan.Accepted);
    }

    [Fact]
    public void Plan_ValidMessage_BecomesWorkItemWithItsOriginal()
    {
        var message = TestMessages.Message(2, 40);

        var orchestration = Assert.Single(Plan([message]).Orchestrations);

        var item = Assert.Single(orchestration.Input.Workflow.Items);
        Assert.Equal(message.Id, item.Id);
        Assert.Equal(message.Timestamp, item.ProducedAt);
        Assert.Equal(Now, item.FirstAttemptAt);
        Assert.Equal("art-40", Assert.IsType<ContentEvent>(item.Event).Key);
        Assert.Same(message, Assert.Single(orchestration.Input.Originals));
        Assert.Empty(orchestration.Input.UnpublishedDeadLetters);
        Assert.Equal(Budget, orchestration.Input.Workflow.Budget);
        Assert.Equal(new OrchestrationOptions().ToActivityRetry(), orchestration.Input.ActivityRetry);
        Assert.Equal(1, orchestration.Input.Round);
        Assert.Equal((2, 40L, 40L), (orchestration.Partition, orchestration.FirstOffset, orchestration.LastOffset));
    }

    [Fact]
    public void Plan_DuplicateOffsetInBatch_ProcessedOnce()
    {
        var plan = Plan([TestMessages.Message(0, 5), TestMessages.Message(0, 5), TestMessages.Message(0, 6)]);

        Assert.Equal([5L, 6L], Offsets(Assert.Single(plan.Orchestrations).Input.Workflow.Items));
    }

    [Fact]
    public void Plan_IntakeThrows_RecordDeadLetteredInsteadOfBlockingThePartition()
    {
        var messages = new[] { TestMessages.Message(0, 0), TestMessages.Message(0, 1) };
        IntakeResult Accept(KafkaMessage message) =>
            message.Offset == 1 ? throw new InvalidOperationException("boom") : TestMessages.Accept(message);

        var plan = BatchSplitter.Plan("content", messages, Accept, new OrchestrationOptions(), Budget, Now);

        var deadLetter = Assert.Single(plan.DeadLetters);
        Assert.Equal(1, deadLetter.OriginalOffset);
        Assert.Equal((DeadLetterStage.Parse, "intake"), (deadLetter.Failure.Stage, deadLetter.Failure.Source));
        Assert.Contains("InvalidOperationException", deadLetter.Failure.Detail, StringComparison.Ordinal);
        Assert.Equal([0L], Offsets(Assert.Single(plan.Orchestrations).Input.Workflow.Items));
    }

    [Fact]
    public void Plan_EmptyBatch_NothingToDo()
    {
        var plan = Plan([]);

        Assert.Empty(plan.Orchestrations);
        Assert.Empty(plan.DeadLetters);
    }

    private static TriggerBatchPlan Plan(KafkaMessage[] messages, OrchestrationOptions? options = null) =>
        BatchSplitter.Plan("content", messages, TestMessages.Accept, options ?? new OrchestrationOptions(), Budget, Now);

    private static long[] Offsets(IEnumerable<WorkItem> items) => [.. items.Select(item => item.Id.Offset)];
}
