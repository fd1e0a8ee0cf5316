using System.Text.Json;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Processing;
using RecoFunctions.Core.Workflow;
using RecoFunctions.Functions.Planning;
using RecoFunctions.Testing;

namespace RecoFunctions.Functions.Tests.Planning;

/// <summary>
/// Orchestration inputs, activity inputs and outputs cross process boundaries as JSON through the durable host's
/// System.Text.Json serializer (default or web options). They must come back intact, event types included.
/// </summary>
public sealed class DurablePayloadSerializationTests
{
    public static TheoryData<string> Options => ["default", "web"];

    [Theory]
    [MemberData(nameof(Options))]
    public void BatchOrchestrationInput_RoundTrips(string optionsName)
    {
        var options = OptionsNamed(optionsName);
        var original = TestMessages.Message(1, 5);
        var item = new WorkItem(original.Id, original.Timestamp, TestClock.Start, TestMessages.Accept(original).Event!);
        var deadLetter = DeadLetterRecord.From(TestMessages.Message(1, 4, "bad"), new DeadLetterFailure(DeadLetterStage.Enrich, "content-api 404") { Source = "content-api", Status = 404 }, TestClock.Start).WithoutValue();
        var input = new BatchOrchestrationInput(
            new WorkflowInput("content", [item], new RetryBudget(5, TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1))),
            [original],
            [deadLetter],
            new ActivityRetry(5, TimeSpan.FromSeconds(2), 2, TimeSpan.FromMinutes(1)),
            Round: 3);

        var back = JsonSerializer.Deserialize<BatchOrchestrationInput>(JsonSerializer.Serialize(input, options), options)!;

        Assert.Equal(input.Workflow.Flow, back.Workflow.Flow);
        Assert.Equal(input.Workflow.Budget, back.Workflow.Budget);
        Assert.Equal(input.ActivityRetry, back.ActivityRetry);
        Assert.Equal(3, back.Round);
        var backItem = Assert.Single(back.Workflow.Items);
        Assert.Equal((item.Id, item.ProducedAt, item.FirstAttemptAt), (backItem.Id, backItem.ProducedAt, backItem.FirstAttemptAt));
        var content = Assert.IsType<ContentEvent>(backItem.Event);
        Assert.Equal(("art-5", 1L, ContentEventType.Published), (content.Key, content.Version, content.EventType));
        Assert.Equal(["sport"], content.Content.Tags);
        var backOriginal = Assert.Single(back.Originals);
        Assert.Equal((original.Id, original.Key, original.Timestamp), (backOriginal.Id, backOriginal.Key, backOriginal.Timestamp));
        Assert.Equal(original.Value.ToArray(), backOriginal.Value.ToArray());
        Assert.Equal([1, 2], Assert.Single(backOriginal.Headers).Value);
        var backDeadLetter = Assert.Single(back.UnpublishedDeadLetters);
        Assert.Equal((deadLetter.OriginalId, deadLetter.Failure, true), (backDeadLetter.OriginalId, backDeadLetter.Failure, backDeadLetter.ValueOmitted));
        Assert.Equal((0, 3L), (backDeadLetter.Value.Length, backDeadLetter.OmittedValueBytes));
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void StepRequestAndResult_RoundTrip(string optionsName)
    {
        var options = OptionsNamed(optionsName);
        var message = TestMessages.Message(0, 1);
        var request = new BatchStepRequest("content", [new WorkItem(message.Id, message.Timestamp, message.Timestamp, TestMessages.Accept(message).Event!)], Attempt: 2);
        var result = new BatchStepResult([ItemOutcome.Later(message.Id, new DeadLetterFailure(DeadLetterStage.Deliver, "503"), TimeSpan.FromSeconds(7))]);

        var backRequest = JsonSerializer.Deserialize<BatchStepRequest>(JsonSerializer.Serialize(request, options), options)!;
        var backResult = JsonSerializer.Deserialize<BatchStepResult>(JsonSerializer.Serialize(result, options), options)!;

        Assert.Equal(2, backRequest.Attempt);
        Assert.IsType<ContentEvent>(Assert.Single(backRequest.Items).Event);
        Assert.Equal(result.Outcomes, backResult.Outcomes);
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void DeadLetterBatchAndWorkflowResult_RoundTrip(string optionsName)
    {
        var options = OptionsNamed(optionsName);
        var record = DeadLetterRecord.From(TestMessages.Message(2, 8, "bad"), new DeadLetterFailure(DeadLetterStage.Validate, "validate: x"), TestClock.Start);
        var id = record.OriginalId;
        var result = new WorkflowResult([ItemOutcome.Delivered(id)], [ItemOutcome.DeadLetter(id, new DeadLetterFailure(DeadLetterStage.Enrich, "404"))], []);

        var backBatch = JsonSerializer.Deserialize<DeadLetterBatch>(JsonSerializer.Serialize(new DeadLetterBatch("content", [record]), options), options)!;
        var backResult = JsonSerializer.Deserialize<WorkflowResult>(JsonSerializer.Serialize(result, options), options)!;

        var backRecord = Assert.Single(backBatch.Records);
        Assert.Equal((record.OriginalId, record.Key, record.DeadLetteredAt), (backRecord.OriginalId, backRecord.Key, backRecord.DeadLetteredAt));
        Assert.Equal(result.Delivered, backResult.Delivered);
        Assert.Equal(result.DeadLettered, backResult.DeadLettered);
    }

    private static JsonSerializerOptions OptionsNamed(string name) => name == "web" ? JsonSerializerOptions.Web : JsonSerializerOptions.Default;
}
