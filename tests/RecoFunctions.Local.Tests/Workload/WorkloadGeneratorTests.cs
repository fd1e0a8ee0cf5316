using RecoFunctions.Core.Messaging;
using RecoFunctions.Local.Workload;
using RecoFunctions.Testing;

namespace RecoFunctions.Local.Tests.Workload;

public sealed class WorkloadGeneratorTests
{
    private static readonly WorkloadSpec Messy = new()
    {
        Count = 20_000,
        Keys = 200,
        Seed = 42,
        InvalidShare = 0.10,
        HostileShare = 0.10,
        DuplicateShare = 0.05,
        OutOfOrderShare = 0.05,
        MissingShare = 0.05,
        MaxOversized = 2,
        OversizedBytes = 1,
    };

    [Fact]
    public void Generate_SameSeedAndClock_SameBytes()
    {
        var first = Generate(Messy with { Count = 3000 });
        var second = Generate(Messy with { Count = 3000 });

        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i].Key, second[i].Key);
            Assert.Equal(first[i].Value, second[i].Value);
            Assert.Equal(first[i].Category, second[i].Category);
        }
    }

    [Fact]
    public void Generate_OtherSeed_OtherMessages()
    {
        var first = Generate(Messy with { Count = 100 });
        var second = Generate(Messy with { Count = 100, Seed = 43 });

        Assert.NotEqual(first.Select(m => m.Value), second.Select(m => m.Value));
    }

    [Fact]
    public void Generate_Shares_HonouredWithinTolerance()
    {
        var messages = Generate(Messy);

        Assert.Equal(Messy.Count, messages.Count);
        AssertShare(messages, MessageCategory.Invalid, Messy.InvalidShare);
        AssertShare(messages, MessageCategory.Hostile, Messy.HostileShare);
        AssertShare(messages, MessageCategory.PermanentFailure, Messy.MissingShare);
        AssertShare(messages, MessageCategory.Duplicate, Messy.DuplicateShare);
        AssertShare(messages, MessageCategory.OutOfOrder, Messy.OutOfOrderShare);
        var content = messages.Count(m => m.Flow.Name == "content") / (double)messages.Count;
        Assert.InRange(content, 0.47, 0.53);
    }

    [Fact]
    public void Generate_EveryMessageThroughIntake_ValidPassInvalidFailAtTheExpectedStageAndRule()
    {
        var time = TestClock.Create();
        var intake = ShippedConfiguration.Intake(time);
        var generator = new WorkloadGenerator(Messy, ShippedConfiguration.Pipeline, time);
        var offset = 0L;
        var mismatches = new List<string>();
        var rulesSeen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in generator.Generate())
        {
            var result = intake.Accept(new KafkaMessage(message.Flow.Topic, 0, offset++, message.Key, [], time.GetUtcNow(), message.Value));
            var expectedValid = message.Fate is MessageFate.Valid or MessageFate.PermanentFailure;
            if (result.IsValid != expectedValid ||
                (!expectedValid && (result.Stage != message.ExpectedStage || !result.Violations.Any(v => v.Rule == message.ExpectedRule))))
            {
                mismatches.Add($"{message.Case} (key {message.Key}): got {(result.IsValid ? "valid" : result.Reason)}");
            }

            if (message.Fate == MessageFate.Invalid)
            {
                rulesSeen.Add(message.Case);
            }
        }

        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches.Distinct().Take(30)));

        // Every configured rule and every hostile kind shows up in a run this size.
        Assert.Contains("invalid: after at $.campaign.endAt", rulesSeen);
        Assert.Contains("invalid: matchesKey at $.content.contentId", rulesSeen);
        Assert.Contains("invalid: maxLength at $.content.title", rulesSeen);
        Assert.Contains("invalid: url at $.content.sourceUrl", rulesSeen);
        Assert.Contains("invalid: enum at $.eventType", rulesSeen);
        Assert.Contains("invalid: required at $.content.contentId", rulesSeen);
        Assert.Contains("invalid: type at $.campaign.priority", rulesSeen);
        foreach (var kind in Enum.GetNames<HostileKind>())
        {
            Assert.Contains($"hostile: {kind}", rulesSeen);
        }
    }

    [Fact]
    public void Generate_Versions_RiseByKeyExceptDeliberateOutOfOrderAndDuplicates()
    {
        var messages = Generate(Messy);
        var highest = new Dictionary<(string Flow, string Key), long>();
        var pairs = new HashSet<(string, string, long)>();
        foreach (var message in messages.Where(m => m.Fate == MessageFate.Valid))
        {
            var key = (message.Flow.Name, message.Key!);
            var previous = highest.GetValueOrDefault(key);
            var isNew = pairs.Add((message.Flow.Name, message.Key!, message.Version));
            switch (message.Category)
            {
                case MessageCategory.Valid:
                    Assert.True(isNew && message.Version > previous, $"{key} v{message.Version} after v{previous}");
                    break;
                case MessageCategory.OutOfOrder:
                    Assert.True(isNew && message.Version < previous, $"{key} out-of-order v{message.Version} after v{previous}");
                    break;
                case MessageCategory.Duplicate:
                    Assert.False(isNew, $"{key} duplicate v{message.Version} was never sent before");
                    break;
            }

            highest[key] = Math.Max(previous, message.Version);
        }

        Assert.Contains(messages, m => m.Category == MessageCategory.OutOfOrder);
    }

    [Fact]
    public void Generate_Duplicates_RepeatAnEarlierMessageByteForByte()
    {
        var messages = Generate(Messy with { Count = 2000 });
        var sent = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            var text = Convert.ToBase64String(message.Value ?? []);
            if (message.Category == MessageCategory.Duplicate)
            {
                Assert.Contains(text, sent);
            }

            sent.Add(text);
        }
    }

    [Fact]
    public void Generate_EventTypes_FollowEachKeysLifecycle()
    {
        var messages = Generate(Messy with { InvalidShare = 0, HostileShare = 0, MissingShare = 0, DuplicateShare = 0, OutOfOrderShare = 0 });
        var types = messages.Select(m => System.Text.Json.JsonDocument.Parse(m.Value).RootElement.GetProperty("eventType").GetString()!)
            .GroupBy(type => type)
            .ToDictionary(group => group.Key, group => group.Count() / (double)messages.Count);

        Assert.InRange(types["content.updated"], 0.3, 0.45);
        Assert.InRange(types["content.published"], 0.02, 0.12);
        Assert.InRange(types["content.unpublished"], 0.01, 0.08);
        Assert.InRange(types["campaign.updated"], 0.2, 0.4);
        Assert.True(types.ContainsKey("campaign.activated") && types.ContainsKey("campaign.paused") && types.ContainsKey("campaign.ended"));
    }

    private static void AssertShare(List<WorkloadMessage> messages, MessageCategory category, double share)
    {
        var actual = messages.Count(m => m.Category == category) / (double)messages.Count;
        Assert.True(Math.Abs(actual - share) < 0.012, $"{category}: {actual:P2}, expected {share:P2}");
    }

    private static List<WorkloadMessage> Generate(WorkloadSpec spec) =>
        [.. new WorkloadGenerator(spec, ShippedConfiguration.Pipeline, TestClock.Create()).Generate()];
}
