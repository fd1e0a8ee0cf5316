using System.Text;
using Confluent.Kafka;
using RecoFunctions.Core.DeadLetters;
using Xunit.Abstractions;

namespace RecoFunctions.Local.Tests.Runtime;

[Collection(RuntimeCollection.Name)]
public sealed class PipelineRuntimeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RunAsync_ValidAndInvalidEventsOfBothFlows_DeliversValidDeadLettersInvalidAndCommitsToTheEnd()
    {
        await using var harness = await RuntimeHarness.StartAsync(output);
        var now = DateTimeOffset.UtcNow;
        var events = new List<TestEvent>();
        for (var i = 0; i < 150; i++)
        {
            events.Add(TestEvents.Content($"art-{i}", 1 + (i % 3), now));
            events.Add(TestEvents.Campaign($"cmp-{i}", 1 + (i % 2), now));
        }

        events.Insert(17, TestEvents.MissingEventType(TestEvents.ContentTopic, "art-x1"));
        events.Insert(101, TestEvents.NotJson(TestEvents.CampaignTopic, "cmp-x2"));
        events.Insert(202, TestEvents.InvalidUtf8(TestEvents.ContentTopic, "art-x3"));
        var positions = harness.Produce(events);

        await using var running = harness.Start("e2e");
        await running.WaitUntilIdleAsync();
        await running.StopAsync();

        var snapshot = running.Runtime.Snapshot();
        var valid = events.Where(e => e.IsValid).ToList();
        Assert.All(valid, e => Assert.True(harness.Sandbox.Recorder.WasApplied(e.Kind, e.Key, e.Version), $"{e.Kind} {e.Key} v{e.Version} not delivered"));
        Assert.Equal(valid.Count, snapshot.Delivered + snapshot.Stale);
        Assert.Equal(3, snapshot.DeadLettered);
        Assert.Equal(0, snapshot.InFlight);
        Assert.Equal(events.Count, snapshot.Consumed);

        var contentDeadLetters = harness.ReadAll(TestEvents.ContentTopic + ".dlq");
        var campaignDeadLetters = harness.ReadAll(TestEvents.CampaignTopic + ".dlq");
        Assert.Equal(2, contentDeadLetters.Count);
        Assert.Single(campaignDeadLetters);
        foreach (var index in new[] { 17, 101, 202 })
        {
            var original = events[index];
            var position = positions[index];
            var deadLetter = Assert.Single(contentDeadLetters.Concat(campaignDeadLetters), record => Header(record, DeadLetterHeaders.OriginalOffset) == position.Offset.Value.ToString()
                && Header(record, DeadLetterHeaders.OriginalPartition) == position.Partition.Value.ToString()
                && Header(record, DeadLetterHeaders.OriginalTopic) == original.Topic);
            Assert.Equal(original.Key, Encoding.UTF8.GetString(deadLetter.Message.Key!));
            Assert.Equal(original.Value, deadLetter.Message.Value);
            Assert.False(string.IsNullOrEmpty(Header(deadLetter, DeadLetterHeaders.Reason)));
            Assert.NotNull(Header(deadLetter, DeadLetterHeaders.DeadLetteredAt));
        }

        Assert.Equal("validate", Header(contentDeadLetters.Single(r => Encoding.UTF8.GetString(r.Message.Key!) == "art-x1"), DeadLetterHeaders.Stage));
        Assert.Contains("required", Header(contentDeadLetters.Single(r => Encoding.UTF8.GetString(r.Message.Key!) == "art-x1"), DeadLetterHeaders.Reason));
        Assert.Equal("parse", Header(campaignDeadLetters[0], DeadLetterHeaders.Stage));

        foreach (var topic in new[] { TestEvents.ContentTopic, TestEvents.CampaignTopic })
        {
            Assert.Equal(harness.EndOffsets(topic), harness.Committed("e2e", topic));
        }
    }

    private static string? Header(ConsumeResult<byte[]?, byte[]?> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out var value) ? Encoding.UTF8.GetString(value) : null;
}
