using System.Text;
using Microsoft.DurableTask;
using Moq;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Core.Workflow;
using RecoFunctions.Functions.Orchestration;

namespace RecoFunctions.Functions.Tests.Orchestration;

public sealed class BatchOrchestratorTests
{
    private static readonly ActivityRetry Retry = new(5, TimeSpan.FromSeconds(2), 2, TimeSpan.FromMinutes(1));

    [Fact]
    public async Task RunAsync_DeliveredAndDeadLettered_PublishesTheDeadLetterAndCompletes()
    {
        var input = Input(2);
        var context = OrchestrationContextMock.Create();
        context.Setup(c => c.GetInput<BatchOrchestrationInput>()).Returns(input);
        context.Setup(c => c.CallActivityAsync<BatchStepResult>(It.Is<TaskName>(name => name.Name == WorkflowActivityNames.ProcessBatch), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync(new BatchStepResult(
            [
                ItemOutcome.Delivered(input.Workflow.Items[0].Id),
                ItemOutcome.DeadLetter(input.Workflow.Items[1].Id, PipelineStage.Enrich, "content-api 404"),
            ]));
        DeadLetterBatch? published = null;
        context.Setup(c => c.CallActivityAsync<int>(It.Is<TaskName>(name => name.Name == WorkflowActivityNames.PublishDeadLetters), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Callback((TaskName _, object? batch, TaskOptions? _) => published = (DeadLetterBatch?)batch)
            .ReturnsAsync(1);

        var result = await BatchOrchestrator.RunAsync(context.Object);

        Assert.Equal([0L], result.Delivered.Select(outcome => outcome.Id.Offset));
        Assert.Equal([1L], result.DeadLettered.Select(outcome => outcome.Id.Offset));
        var record = Assert.Single(published!.Records);
        Assert.Equal(("content-api 404", 1L, "art-1"), (record.Reason, record.OriginalOffset, record.Key));
        Assert.Equal("{\"n\":1}", Encoding.UTF8.GetString(record.Value.Span));
        Assert.Equal(OrchestrationContextMock.Now, record.DeadLetteredAt.UtcDateTime);
        context.Verify(c => c.ContinueAsNew(It.IsAny<object?>(), It.IsAny<bool>()), Times.Never);
    }

    [Fact]
    public async Task RunAsync_ItemsStillFailing_DurableTimerThenContinueAsNewWithThem()
    {
        var input = Input(2);
        var context = OrchestrationContextMock.Create();
        context.Setup(c => c.GetInput<BatchOrchestrationInput>()).Returns(input);
        context.Setup(c => c.CallActivityAsync<BatchStepResult>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync((TaskName _, object? request, TaskOptions? _) => new BatchStepResult(
                [.. ((BatchStepRequest)request!).Items.Select(item => ItemOutcome.Later(item.Id, PipelineStage.Deliver, "recommender-api 503"))]));
        BatchOrchestrationInput? next = null;
        context.Setup(c => c.ContinueAsNew(It.IsAny<object?>(), It.IsAny<bool>()))
            .Callback((object? newInput, bool _) => next = (BatchOrchestrationInput?)newInput);

        var result = await BatchOrchestrator.RunAsync(context.Object);

        Assert.Equal(2, result.Pending.Count);
        Assert.NotNull(next);
        Assert.Equal(input.Workflow.Items, next.Workflow.Items);
        Assert.Equal(input.Originals, next.Originals);
        Assert.Equal(2, next.Round);
        // Two backoff waits inside the run (3 attempts), then the wait before continuing.
        context.Verify(c => c.CreateTimer(It.IsAny<TimeSpan>(), CancellationToken.None), Times.Exactly(3));
        context.Verify(c => c.CreateTimer(TimeSpan.FromSeconds(30), CancellationToken.None), Times.Once);
    }

    [Fact]
    public async Task RunAsync_NoInput_Throws()
    {
        var context = OrchestrationContextMock.Create();
        context.Setup(c => c.GetInput<BatchOrchestrationInput>()).Returns((BatchOrchestrationInput?)null);

        await Assert.ThrowsAsync<InvalidOperationException>(() => BatchOrchestrator.RunAsync(context.Object));
    }

    private static BatchOrchestrationInput Input(int count)
    {
        var originals = Enumerable.Range(0, count)
            .Select(offset => new KafkaMessage("oicms.content.v1", 0, offset, $"art-{offset}", [], DateTimeOffset.UnixEpoch, Encoding.UTF8.GetBytes($"{{\"n\":{offset}}}")))
            .ToList();
        var items = originals.Select(message => new WorkItem(
            message.Id,
            message.Timestamp,
            new DateTimeOffset(OrchestrationContextMock.Now, TimeSpan.Zero),
            new ContentEvent($"evt-{message.Offset}", ContentEventType.Published, message.Timestamp, new ContentItem(message.Key!, 1, "article", "T", "en-GB", null, [], null))))
            .ToList();
        return new BatchOrchestrationInput(new WorkflowInput("content", items, DurableWorkflowContextTests.Budget()), originals, [], Retry);
    }
}
