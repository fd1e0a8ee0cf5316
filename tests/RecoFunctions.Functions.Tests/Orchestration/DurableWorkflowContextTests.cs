using Microsoft.DurableTask;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Core.Processing;
using RecoFunctions.Functions.Orchestration;
using RecoFunctions.Functions.Planning;

namespace RecoFunctions.Functions.Tests.Orchestration;

/// <summary>
/// The adapter's details that the engine tests (Durable/DurableBatchTests) do not pin down: the time's kind, every value
/// of the retry policy, and what an activity failing for good turns into.
/// </summary>
public sealed class DurableWorkflowContextTests
{
    private static readonly ActivityRetry Retry = new(4, TimeSpan.FromSeconds(3), 2.5, TimeSpan.FromMinutes(2));

    [Theory]
    [InlineData(DateTimeKind.Utc)]
    [InlineData(DateTimeKind.Unspecified)]
    public void UtcNow_OrchestrationTime_AsUtcOffset(DateTimeKind kind)
    {
        var context = OrchestrationContextMock.Create();
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(DateTime.SpecifyKind(new DateTime(2026, 11, 21, 10, 0, 5), kind));

        var now = new DurableWorkflowContext(context.Object, Retry, NullLogger.Instance).UtcNow;

        Assert.Equal(new DateTimeOffset(2026, 11, 21, 10, 0, 5, TimeSpan.Zero), now);
        Assert.Equal(TimeSpan.Zero, now.Offset);
    }

    [Fact]
    public async Task ProcessAsync_CallsTheProcessBatchActivityWithTheRetryPolicy()
    {
        var context = OrchestrationContextMock.Create();
        var request = Request();
        var expected = new BatchStepResult([ItemOutcome.Delivered(request.Items[0].Id)]);
        TaskOptions? options = null;
        context.Setup(c => c.CallActivityAsync<BatchStepResult>(It.Is<TaskName>(name => name.Name == WorkflowActivityNames.ProcessBatch), request, It.IsAny<TaskOptions?>()))
            .Callback((TaskName _, object? _, TaskOptions? taskOptions) => options = taskOptions)
            .ReturnsAsync(expected);

        var result = await new DurableWorkflowContext(context.Object, Retry, NullLogger.Instance).ProcessAsync(request);

        Assert.Same(expected, result);
        var policy = options?.Retry?.Policy;
        Assert.NotNull(policy);
        Assert.Equal((4, TimeSpan.FromSeconds(3), 2.5, TimeSpan.FromMinutes(2)), (policy.MaxNumberOfAttempts, policy.FirstRetryInterval, policy.BackoffCoefficient, policy.MaxRetryInterval));
    }

    [Fact]
    public async Task ProcessAsync_ActivityFailsForGood_EveryItemRetriedLaterNotFailed()
    {
        var context = OrchestrationContextMock.Create();
        var request = Request();
        context.Setup(c => c.CallActivityAsync<BatchStepResult>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ThrowsAsync(new TaskFailedException(WorkflowActivityNames.ProcessBatch, 3, new TaskFailureDetails("System.IO.IOException", "connection reset", null, null, null)));

        var result = await new DurableWorkflowContext(context.Object, Retry, NullLogger.Instance).ProcessAsync(request);

        var outcome = Assert.Single(result.Outcomes);
        Assert.Equal(OutcomeKind.RetryLater, outcome.Kind);
        Assert.Equal("ProcessBatch failed: System.IO.IOException", outcome.Reason);
    }

    [Fact]
    public async Task TryPublishDeadLettersAsync_ActivitySucceeds_True()
    {
        var context = OrchestrationContextMock.Create();
        var batch = new DeadLetterBatch("content", []);
        context.Setup(c => c.CallActivityAsync<int>(It.Is<TaskName>(name => name.Name == WorkflowActivityNames.PublishDeadLetters), batch, It.IsAny<TaskOptions?>()))
            .ReturnsAsync(0);

        Assert.True(await new DurableWorkflowContext(context.Object, Retry, NullLogger.Instance).TryPublishDeadLettersAsync(batch));
    }

    [Fact]
    public async Task TryPublishDeadLettersAsync_ActivityFailsForGood_False()
    {
        var context = OrchestrationContextMock.Create();
        context.Setup(c => c.CallActivityAsync<int>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ThrowsAsync(new TaskFailedException(WorkflowActivityNames.PublishDeadLetters, 1, new TaskFailureDetails("Confluent.Kafka.KafkaException", "broker down", null, null, null)));

        Assert.False(await new DurableWorkflowContext(context.Object, Retry, NullLogger.Instance).TryPublishDeadLettersAsync(new DeadLetterBatch("content", [])));
    }

    private static BatchStepRequest Request()
    {
        var id = new MessageId("oicms.content.v1", 0, 0);
        var content = new ContentItem("art-0", 1, "article", "T", "en-GB", null, [], null);
        var item = new WorkItem(id, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, new ContentEvent("evt-0", ContentEventType.Published, DateTimeOffset.UnixEpoch, content));
        return new BatchStepRequest("content", [item], 1);
    }
}
