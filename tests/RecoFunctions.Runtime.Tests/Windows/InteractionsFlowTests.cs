using System.Globalization;
using System.Text;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Runtime.Windows;
using Xunit.Abstractions;

namespace RecoFunctions.Runtime.Tests.Windows;

/// <summary>
/// <c>reco run</c> on the interactions flow, end to end on the embedded Kafka and the sandbox: intake, windows, features
/// delivered, late and invalid events dead-lettered (redacted), window state on the changelog across a restart.
/// </summary>
[Collection(RuntimeCollection.Name)]
public sealed class InteractionsFlowTests(ITestOutputHelper output)
{
    private const string Topic = "ua.interactions.v1";
    private const string DeadLetterTopic = "ua.interactions.v1.dlq";
    private const int Users = 6;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Pipeline:Flows:interactions:Enabled"] = "true",
        ["Privacy:PseudonymKey"] = "test-only-pseudonym-key-0123456789abcdef0123456789",
        ["Windowing:AllowedLateness"] = "00:00:00",
        // Three tumbling windows that divide five minutes (event times start on a five-minute boundary), all closed by
        // minute 12 for an event at minute 1, so that such an event is late.
        ["Windowing:Windows:0:Name"] = "5m",
        ["Windowing:Windows:0:Size"] = "00:05:00",
        ["Windowing:Windows:1:Name"] = "1m",
        ["Windowing:Windows:1:Size"] = "00:01:00",
        ["Windowing:Windows:1:Hop"] = null,
        ["Windowing:Windows:2:Name"] = "30s",
        ["Windowing:Windows:2:Size"] = "00:00:30",
    };

    /// <summary>A five-minute boundary an hour ago: event times are in the past, as the validation wants them.</summary>
    private static readonly DateTimeOffset Origin = FiveMinuteFloor(DateTimeOffset.UtcNow.AddHours(-1));

    [Fact]
    public async Task RunAsync_Interactions_DeliversClosedWindowsAndDeadLettersLateAndInvalidOnesWithoutUserIds()
    {
        await using var harness = await RuntimeHarness.StartAsync(output, Settings, partitions: 3);
        harness.Produce([.. FirstHalf(), .. SecondHalf(), Invalid()]);

        await using (var running = harness.Start("interactions"))
        {
            await running.WaitUntilIdleAsync();
            var freshness = running.Runtime.Snapshot().WindowFreshness;
            Assert.InRange(freshness.Count, 1, long.MaxValue);
            Assert.True(freshness.Max > TimeSpan.Zero, "a batch that closed windows measured how long they took to reach the recommender");
            await running.StopAsync();
        }

        AssertExpectedFeatures(harness);
        var deadLetters = harness.ReadAll(DeadLetterTopic);
        Assert.Equal(Users + 1, deadLetters.Count);
        var late = deadLetters.Where(record => Header(record, DeadLetterHeaders.Stage) == "window").ToList();
        Assert.Equal(Users, late.Count);
        Assert.All(deadLetters, record => Assert.DoesNotContain("u-", Encoding.UTF8.GetString(record.Message.Key ?? []), StringComparison.Ordinal));
        Assert.All(late, record => Assert.DoesNotContain("\"u-", Encoding.UTF8.GetString(record.Message.Value ?? []), StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_RestartedBetweenHalves_RestoresWindowsFromChangelogAndEndsWithSameFeatures()
    {
        await using var harness = await RuntimeHarness.StartAsync(output, Settings, partitions: 3);
        harness.Produce(FirstHalf());
        await using (var first = harness.Start("interactions"))
        {
            await first.WaitUntilIdleAsync();
            await first.StopAsync();
        }

        Assert.DoesNotContain(harness.Sandbox.Features.GetFeatures(), feature => feature.Window == "5m");
        Assert.NotEmpty(harness.ReadAll(ChangelogTopics.NameOf("interactions", Topic)));

        harness.Produce(SecondHalf());
        await using (var second = harness.Start("interactions"))
        {
            await second.WaitUntilIdleAsync();
            await second.StopAsync();
        }

        // Had the state been lost, the first windows would be missing and the late events would open them again.
        AssertExpectedFeatures(harness);
        Assert.Equal(Users, harness.ReadAll(DeadLetterTopic).Count);
    }

    private static void AssertExpectedFeatures(RuntimeHarness harness)
    {
        var all = harness.Sandbox.Features.GetFeatures();

        // Per user: 5m [0,5) and [5,10); 1m and 30s one each for minutes 0, 1, 2, 6 and 7. Minute 12's windows are still open.
        Assert.Equal(Users * 12, all.Count);
        Assert.Equal(Users * 5, all.Count(feature => feature.Window == "1m" && feature.Events == 1));
        var features = all.Where(feature => feature.Window == "5m").ToList();
        Assert.Equal(Users * 2, features.Count);
        Assert.All(features, feature => Assert.DoesNotContain("u-", feature.UserKey, StringComparison.Ordinal));
        Assert.Equal(Users, features.Count(feature => feature.Start == Origin && feature.Events == 3 && feature.Counts["view"] == 2 && feature.Counts["click"] == 1));
        Assert.Equal(Users, features.Count(feature => feature.Start == Origin.AddMinutes(5) && feature.Events == 2 && feature.TotalDwellMs == 3000));
    }

    /// <summary>Per user: three events in the first five-minute window; each minute for all users before the next (the watermark is the partition's).</summary>
    private static IEnumerable<TestEvent> FirstHalf() =>
    [
        .. Phase(user => [Interaction(user, 0, "view", 0)]),
        .. Phase(user => [Interaction(user, 1, "click", 1)]),
        .. Phase(user => [Interaction(user, 2, "view", 2)]),
    ];

    /// <summary>
    /// Per user: two in the second window; then one at minute 12, which moves the partition's watermark past both windows;
    /// then one late for the first. The watermark is the partition's, so each phase is produced for all users first.
    /// </summary>
    private static IEnumerable<TestEvent> SecondHalf() =>
    [
        .. Phase(user => [Interaction(user, 3, "dwell", 6, dwellMs: 1000)]),
        .. Phase(user => [Interaction(user, 4, "dwell", 7, dwellMs: 2000)]),
        .. Phase(user => [Interaction(user, 5, "view", 12)]),
        .. Phase(user => [Interaction(user, 6, "view", 1)]),
    ];

    private static IEnumerable<TestEvent> Phase(Func<int, TestEvent[]> events) => Enumerable.Range(1, Users).SelectMany(events);

    private static TestEvent Interaction(int user, int sequence, string kind, int minute, long? dwellMs = null)
    {
        var userId = $"u-{user}";
        var dwell = dwellMs is { } ms ? $",\"dwellMs\":{ms}" : string.Empty;
        var json = $$$"""{"eventId":"e-{{{user}}}-{{{sequence}}}","eventType":"interaction.{{{kind}}}","occurredAt":"{{{Origin.AddMinutes(minute).AddSeconds(user).ToString("O", CultureInfo.InvariantCulture)}}}","interaction":{"userId":"{{{userId}}}","contentId":"c-{{{sequence}}}","sessionId":"s-{{{user}}}"{{{dwell}}}}}""";
        return new TestEvent(Topic, userId, sequence, "interaction", Encoding.UTF8.GetBytes(json));
    }

    private static TestEvent Invalid() =>
        new(Topic, "u-1", 99, string.Empty, Encoding.UTF8.GetBytes("""{"eventId":"bad-1","eventType":"interaction.view","occurredAt":"2026-01-01T00:00:00Z","interaction":{"userId":"u-1","sessionId":"s-1"}}"""));

    private static string? Header(Confluent.Kafka.ConsumeResult<byte[]?, byte[]?> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;

    private static DateTimeOffset FiveMinuteFloor(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.FromMinutes(5).Ticks), TimeSpan.Zero);
}
