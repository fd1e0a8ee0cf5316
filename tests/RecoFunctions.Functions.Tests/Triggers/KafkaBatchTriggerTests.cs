using System.Text;
using DurableTask.Core.Exceptions;
using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Core.Workflow;
using RecoFunctions.Functions.Planning;
using RecoFunctions.Functions.Triggers;
using RecoFunctions.Testing;

namespace RecoFunctions.Functions.Tests.Triggers;

public sealed class KafkaBatchTriggerTests
{
    private static readonly RetryBudget Budget = new(5, TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1));

    private readonly Mock<DurableTaskClient> _client = new("test");

    private readonly List<(string Name, BatchOrchestrationInput Input, StartOrchestrationOptions Options, CancellationToken Token)> _scheduled = [];

    public KafkaBatchTriggerTests()
    {
        _client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Callback((TaskName name, object? input, StartOrchestrationOptions? options, CancellationToken token) =>
                _scheduled.Add((name.Name, (BatchOrchestrationInput)input!, options!, token)))
            .ReturnsAsync((TaskName _, object? _, StartOrchestrationOptions? options, CancellationToken _) => options!.InstanceId!);
    }

    [Fact]
    public async Task HandleAsync_ValidRecords_OneOrchestrationPerPartitionWithDedupeStatuses()
    {
        using var cancellation = new CancellationTokenSource();

        var deadLetters = await Trigger().HandleAsync(
            "content", [TestIntake.ValidContent(0, 10), TestIntake.ValidContent(1, 20), TestIntake.ValidContent(0, 11)], _client.Object, cancellation.Token);

        Assert.Empty(deadLetters);
        Assert.Equal(["content_oicms.content.v1_0_10-11", "content_oicms.content.v1_1_20-20"], _scheduled.Select(call => call.Options.InstanceId));
        Assert.All(_scheduled, call =>
        {
            Assert.Equal(WorkflowActivityNames.BatchOrchestrator, call.Name);
            Assert.Equal(["Pending", "Running", "Suspended", "Completed"], call.Options.DedupeStatuses);
            Assert.Equal(cancellation.Token, call.Token);
        });
        Assert.Equal([10L, 11L], _scheduled[0].Input.Workflow.Items.Select(item => item.Id.Offset));
        Assert.Equal("art-10", _scheduled[0].Input.Workflow.Items[0].Event.Key);
    }

    [Fact]
    public async Task HandleAsync_InvalidRecords_ReturnedAsEnvelopesAndNotScheduled()
    {
        var deadLetters = await Trigger().HandleAsync(
            "content", [TestIntake.ValidContent(0, 1), TestIntake.Invalid(0, 2)], _client.Object, CancellationToken.None);

        var envelope = Assert.Single(deadLetters);
        var onTopic = new KafkaMessage("oicms.content.v1.dlq", 0, 0, null, [], DateTimeOffset.UnixEpoch, Encoding.UTF8.GetBytes(envelope));
        Assert.True(DeadLetterCodec.TryDecode(onTopic, out var record));
        Assert.Equal((new MessageId(TestIntake.ContentTopic, 0, 2), "art-2", DeadLetterStage.Parse), (record.OriginalId, record.Key, record.Failure.Stage));
        Assert.Equal("{ not json", Encoding.UTF8.GetString(record.Value.Span));
        Assert.Equal([1L], Assert.Single(_scheduled).Input.Workflow.Items.Select(item => item.Id.Offset));
    }

    [Fact]
    public async Task HandleAsync_OrchestrationAlreadyExists_TreatedAsScheduled()
    {
        _client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new OrchestrationAlreadyExistsException("An Orchestration instance with the ID x already exists."));

        var deadLetters = await Trigger().HandleAsync("content", [TestIntake.ValidContent(0, 1), TestIntake.Invalid(0, 2)], _client.Object, CancellationToken.None);

        Assert.Single(deadLetters);
    }

    [Fact]
    public async Task HandleAsync_AlreadyExistsAsGrpcStatus_TreatedAsScheduled()
    {
        _client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RpcException(new Status(StatusCode.AlreadyExists, "An Orchestration instance with the ID x already exists.")));

        Assert.Empty(await Trigger().HandleAsync("content", [TestIntake.ValidContent(0, 1)], _client.Object, CancellationToken.None));
    }

    [Fact]
    public async Task HandleAsync_SchedulingFails_ThrowsSoTheBatchIsRedelivered()
    {
        _client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RpcException(new Status(StatusCode.Unavailable, "backend unavailable")));

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Trigger().HandleAsync("content", [TestIntake.ValidContent(0, 1), TestIntake.Invalid(0, 2)], _client.Object, CancellationToken.None));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task HandleAsync_OnlyInvalidRecords_NothingScheduled()
    {
        var deadLetters = await Trigger().HandleAsync("content", [TestIntake.Invalid(3, 7)], _client.Object, CancellationToken.None);

        Assert.Single(deadLetters);
        Assert.Empty(_scheduled);
    }

    private static KafkaBatchTrigger Trigger() => new(
        TestIntake.Create(),
        Options.Create(new OrchestrationOptions()),
        Budget,
        TestClock.Create(),
        NullLogger<KafkaBatchTrigger>.Instance);
}
