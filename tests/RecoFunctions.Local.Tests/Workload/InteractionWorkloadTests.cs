using System.Text.Json;
using Microsoft.Extensions.Configuration;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Intake;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Core.Privacy;
using RecoFunctions.Local.Workload;
using RecoFunctions.Testing;

namespace RecoFunctions.Local.Tests.Workload;

public sealed class InteractionWorkloadTests
{
    private static readonly WorkloadSpec Messy = new()
    {
        Flows = WorkloadFlows.Interactions,
        Count = 20_000,
        Keys = 300,
        Seed = 7,
        InvalidShare = 0.05,
        HostileShare = 0.05,
        DuplicateShare = 0.05,
        OutOfOrderShare = 0.05,
        LateShare = 0.05,
        MissingShare = 0.05,
        MaxOversized = 2,
        OversizedBytes = 1,
    };

    private static readonly Lazy<PipelineOptions> Pipeline = new(() =>
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false, reloadOnChange: false)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Pipeline:Flows:interactions:Enabled"] = "true" })
            .Build();
        return configuration.GetSection(PipelineOptions.SectionName).Get<PipelineOptions>()!;
    });

    [Fact]
    public void Generate_SameSeedAndClock_SameBytes()
    {
        var first = Generate(Messy with { Count = 3000 });
        var second = Generate(Messy with { Count = 3000 });

        Assert.Equal(first.Select(m => (m.Key, m.Category)), second.Select(m => (m.Key, m.Category)));
        Assert.True(first.Zip(second).All(pair => pair.First.Value.AsSpan().SequenceEqual(pair.Second.Value)));
    }

    [Fact]
    public void Generate_OtherSeed_OtherMessages() =>
        Assert.NotEqual(Generate(Messy with { Count = 100 }).Select(m => m.Value), Generate(Messy with { Count = 100, Seed = 8 }).Select(m => m.Value));

    [Fact]
    public void Generate_Shares_HonouredWithMissingShareSentAsValid()
    {
        var messages = Generate(Messy);

        AssertShare(messages, MessageCategory.Invalid, Messy.InvalidShare);
        AssertShare(messages, MessageCategory.Hostile, Messy.HostileShare);
        AssertShare(messages, MessageCategory.Duplicate, Messy.DuplicateShare);
        AssertShare(messages, MessageCategory.OutOfOrder, Messy.OutOfOrderShare);
        AssertShare(messages, MessageCategory.Late, Messy.LateShare);
        Assert.DoesNotContain(messages, m => m.Category == MessageCategory.PermanentFailure);
        Assert.All(messages, m => Assert.Equal("interactions", m.Flow.Name));
    }

    [Fact]
    public void Generate_EveryMessageThroughIntake_ValidAndLatePassInvalidFailAtTheExpectedStageAndRule()
    {
        var time = TestClock.Create();
        var intake = MessageIntake.Create(Pipeline.Value, new PrivacyOptions { PseudonymKey = new string('k', 32) }, time);
        var mismatches = new List<string>();
        var offset = 0L;
        foreach (var message in new WorkloadGenerator(Messy, Pipeline.Value, time).Generate())
        {
            var result = intake.Accept(new KafkaMessage(message.Flow.Topic, 0, offset++, message.Key, [], time.GetUtcNow(), message.Value));
            var expectedValid = message.Fate is MessageFate.Valid or MessageFate.Late;
            if (result.IsValid != expectedValid ||
                (!expectedValid && (result.Stage != message.ExpectedStage || !result.Violations.Any(v => v.Rule == message.ExpectedRule))))
            {
                mismatches.Add($"{message.Case} (key {message.Key}): got {(result.IsValid ? "valid" : result.Reason)}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches.Distinct().Take(30)));
    }

    [Fact]
    public void Generate_EventTime_AdvancesTowardsNowWithOutOfOrderWithinSecondsAndLateDaysBehind()
    {
        var time = TestClock.Create();
        var spec = Messy with { InvalidShare = 0, HostileShare = 0 };
        var messages = new WorkloadGenerator(spec, Pipeline.Value, time).Generate().ToList();
        var highest = DateTimeOffset.MinValue;
        foreach (var message in messages)
        {
            var at = OccurredAt(message);
            switch (message.Category)
            {
                case MessageCategory.Valid:
                    Assert.True(at > highest, $"{at:O} after {highest:O}");
                    break;
                case MessageCategory.OutOfOrder:
                    Assert.InRange(highest - at, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(2));
                    break;
                case MessageCategory.Late:
                    Assert.InRange(highest - at, InteractionWorkload.LateBy, InteractionWorkload.LateBy + TimeSpan.FromHours(1));
                    break;
            }

            highest = message.Category == MessageCategory.Late ? highest : Max(highest, at);
        }

        // Duplicates are resent, not stamped: the clock ends short of now by about their share of the span.
        var span = spec.InteractionSpacing * spec.Count;
        Assert.InRange(time.GetUtcNow() - highest, TimeSpan.Zero, span * (spec.DuplicateShare + 0.02));
        Assert.InRange(highest - OccurredAt(messages[0]), span * (1 - spec.DuplicateShare - 0.02), span);
    }

    [Fact]
    public void Generate_Sessions_ClicksFollowViewsAndPlaysFollowClicksOfTheSameContent()
    {
        var messages = Generate(Messy with { InvalidShare = 0, HostileShare = 0, DuplicateShare = 0, OutOfOrderShare = 0, LateShare = 0, MissingShare = 0 });
        var last = new Dictionary<string, (string Session, string Type, string Content)>(StringComparer.Ordinal);
        var types = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            using var document = JsonDocument.Parse(message.Value);
            var type = document.RootElement.GetProperty("eventType").GetString()!;
            var interaction = document.RootElement.GetProperty("interaction");
            var session = interaction.GetProperty("sessionId").GetString()!;
            var content = interaction.GetProperty("contentId").GetString()!;
            Assert.Equal(message.Key, interaction.GetProperty("userId").GetString());
            if (type is "interaction.click" or "interaction.play")
            {
                var expectedBefore = type == "interaction.click" ? "interaction.view" : "interaction.click";
                Assert.Equal((session, expectedBefore, content), last[message.Key!]);
            }

            if (type is "interaction.dwell" or "interaction.complete")
            {
                Assert.True(interaction.GetProperty("dwellMs").GetInt64() > 0);
            }

            last[message.Key!] = (session, type, content);
            types[type] = types.GetValueOrDefault(type) + 1;
        }

        Assert.Equal(7, types.Count);
        Assert.Equal("interaction.view", types.MaxBy(pair => pair.Value).Key);
    }

    private static DateTimeOffset OccurredAt(WorkloadMessage message)
    {
        using var document = JsonDocument.Parse(message.Value);
        return document.RootElement.GetProperty("occurredAt").GetDateTimeOffset();
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static void AssertShare(List<WorkloadMessage> messages, MessageCategory category, double share)
    {
        var actual = messages.Count(m => m.Category == category) / (double)messages.Count;
        Assert.True(Math.Abs(actual - share) < 0.012, $"{category}: {actual:P2}, expected {share:P2}");
    }

    private static List<WorkloadMessage> Generate(WorkloadSpec spec) => [.. new WorkloadGenerator(spec, Pipeline.Value, TestClock.Create()).Generate()];
}
