using System.Text.Json;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Intake;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Core.Parsing;
using RecoFunctions.Core.Tests.Support;
using RecoFunctions.Testing.Corpus;

namespace RecoFunctions.Core.Tests.Corpus;

/// <summary>Every corpus message through the real intake with the shipped configuration: exact paths, rules and order.</summary>
public sealed class CorpusTests
{
    private static readonly string[] CorpusFlows = ["content", "campaign", "interactions"];
    private static readonly Lazy<MessageIntake> SharedIntake = new(() => TestPipeline.Intake(TestPipeline.WithInteractions()));
    private static readonly Lazy<FlowRegistry> SharedFlows = new(() => TestPipeline.Flows(TestPipeline.WithInteractions()));

    public static TheoryData<string, string> InvalidCases() => Names(flow => ValidationCorpus.Lines(flow, "invalid"));

    public static TheoryData<string, string> KeyCases() => Names(flow => ValidationCorpus.Lines(flow, "key"));

    public static TheoryData<string, string> HostileCases() => Names(ValidationCorpus.Hostile);

    public static TheoryData<string, int> ValidLines()
    {
        var data = new TheoryData<string, int>();
        foreach (var flow in CorpusFlows)
        {
            var count = ValidationCorpus.SplitLines(File.ReadAllBytes(ValidationCorpus.PathOf(flow, "valid"))).Count;
            for (var line = 1; line <= count; line++)
            {
                data.Add(flow, line);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Accept_InvalidCorpusMessageWithKey_ReportsExactViolations(string flow, string name)
    {
        var corpusCase = Find(ValidationCorpus.Lines(flow, "invalid"), name);

        var result = AcceptFromKafka(corpusCase);

        AssertViolations(corpusCase, result);
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Accept_InvalidCorpusMessageWithoutKey_ReportsSameViolations(string flow, string name)
    {
        var corpusCase = Find(ValidationCorpus.Lines(flow, "invalid"), name);

        var result = SharedIntake.Value.Accept(SharedFlows.Value.Get(flow), new MessageId("file", 0, corpusCase.Line), corpusCase.Value, key: null, keyKnown: false);

        AssertViolations(corpusCase, result);
    }

    [Theory]
    [MemberData(nameof(KeyCases))]
    public void Accept_KeyCorpusMessage_ReportsKeyViolations(string flow, string name)
    {
        var corpusCase = Find(ValidationCorpus.Lines(flow, "key"), name);

        var result = AcceptFromKafka(corpusCase);

        AssertViolations(corpusCase, result);
    }

    [Theory]
    [MemberData(nameof(KeyCases))]
    public void Accept_KeyCorpusMessageWithoutKey_SkipsKeyRules(string flow, string name)
    {
        var corpusCase = Find(ValidationCorpus.Lines(flow, "key"), name);

        var result = SharedIntake.Value.Accept(SharedFlows.Value.Get(flow), default, corpusCase.Value, key: null, keyKnown: false);

        var expected = corpusCase.Expected.Where(v => !v.EndsWith(" " + RuleNames.Key, StringComparison.Ordinal) && !v.EndsWith(" " + RuleNames.MatchesKey, StringComparison.Ordinal));
        Assert.Equal(expected, result.Violations.Select(TestPipeline.Format));
    }

    [Theory]
    [MemberData(nameof(HostileCases))]
    public void Accept_HostileValue_ReportsExactViolations(string flow, string name)
    {
        var corpusCase = Find(ValidationCorpus.Hostile(flow), name);

        var result = AcceptFromKafka(corpusCase);

        AssertViolations(corpusCase, result);
    }

    [Theory]
    [MemberData(nameof(ValidLines))]
    public void Accept_ValidCorpusMessage_MapsEventWithMatchingKey(string flow, int line)
    {
        var value = ValidationCorpus.SplitLines(File.ReadAllBytes(ValidationCorpus.PathOf(flow, "valid")))[line - 1];

        var result = SharedIntake.Value.Accept(Message(flow, value, KeyOf(flow, value)));

        Assert.Empty(result.Violations);
        Assert.True(result.IsValid);
        Assert.Equal(ExpectedEventKey(flow, KeyOf(flow, value)), result.Event!.Key);
    }

    [Theory]
    [InlineData("content", typeof(ContentEvent))]
    [InlineData("campaign", typeof(CampaignEvent))]
    [InlineData("interactions", typeof(InteractionEvent))]
    public void Accept_ShippedSamples_AllValid(string flow, Type eventType)
    {
        var lines = ValidationCorpus.SplitLines(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "samples", $"{flow}.valid.jsonl")));

        var results = lines.Select(value => SharedIntake.Value.Accept(Message(flow, value, KeyOf(flow, value)))).ToList();

        Assert.True(lines.Count >= 24, "the samples should hold a few dozen events");
        Assert.All(results, result => Assert.Empty(result.Violations));
        Assert.All(results, result => Assert.IsType(eventType, result.Event));
    }

    [Theory]
    [InlineData("content")]
    [InlineData("campaign")]
    [InlineData("interactions")]
    public void Accept_TenMegabyteValue_RejectedBySizeAtParseStage(string flow)
    {
        var value = new byte[10 * 1024 * 1024];
        value.AsSpan().Fill((byte)'[');

        var result = SharedIntake.Value.Accept(Message(flow, value, ValidationCorpus.DefaultKey(flow)));

        var violation = Assert.Single(result.Violations);
        Assert.Equal("$ payloadTooLarge", TestPipeline.Format(violation));
        Assert.Equal(PipelineStage.Parse, result.Stage);
    }

    [Fact]
    public void Corpus_Expectations_CoverEveryRuleKind()
    {
        var flows = new[] { "content", "campaign" };
        var rules = flows
            .SelectMany(flow => ValidationCorpus.Lines(flow, "invalid").Concat(ValidationCorpus.Lines(flow, "key")).Concat(ValidationCorpus.Hostile(flow)))
            .SelectMany(corpusCase => corpusCase.Expected)
            .Select(expected => expected[(expected.LastIndexOf(' ') + 1)..])
            .ToHashSet(StringComparer.Ordinal);
        // flow needs an unknown topic, payloadTooLarge a value beyond 1 MB and minItems a rule the shipped configuration does not
        // have (its MinItems is 0): they are covered by their own tests instead.
        var elsewhere = new[] { RuleNames.Flow, RuleNames.PayloadTooLarge, RuleNames.MinItems };
        var everyRule = typeof(RuleNames).GetFields().Select(field => (string)field.GetValue(null)!).Except(elsewhere);

        Assert.All(everyRule, rule => Assert.Contains(rule, rules));
        Assert.True(flows.Sum(flow => ValidationCorpus.Lines(flow, "invalid").Count + ValidationCorpus.Lines(flow, "key").Count) >= 40);
    }

    internal static KafkaMessage Message(string flow, byte[] value, string? key) =>
        new(SharedFlows.Value.Get(flow).Topic, 0, 42, key, [], DateTimeOffset.UnixEpoch, value);

    private static IntakeResult AcceptFromKafka(CorpusCase corpusCase) =>
        SharedIntake.Value.Accept(Message(corpusCase.Flow, corpusCase.Value, corpusCase.Key));

    private static void AssertViolations(CorpusCase corpusCase, IntakeResult result)
    {
        if (corpusCase.Expected.Count == 0)
        {
            Assert.Empty(result.Violations);
            Assert.True(result.IsValid, $"{corpusCase} was rejected");
            return;
        }

        Assert.False(result.IsValid, $"{corpusCase} was accepted");
        Assert.Equal(corpusCase.Expected, result.Violations.Select(TestPipeline.Format));
        var parseRules = new[] { RuleNames.Empty, RuleNames.PayloadTooLarge, RuleNames.Encoding, RuleNames.Json, RuleNames.Depth, RuleNames.NotObject };
        var expectedStage = result.Violations.All(v => v.Path == "$" && parseRules.Contains(v.Rule)) ? PipelineStage.Parse : PipelineStage.Validate;
        Assert.Equal(expectedStage, result.Stage);
        Assert.All(result.Violations, violation => Assert.False(string.IsNullOrWhiteSpace(violation.Message)));
    }

    private static string KeyOf(string flow, byte[] value)
    {
        using var document = JsonDocument.Parse(value.AsMemory().TrimStart(new byte[] { 0xEF, 0xBB, 0xBF }));
        var (entity, id) = flow switch
        {
            "content" => ("content", "contentId"),
            "campaign" => ("campaign", "campaignId"),
            _ => ("interaction", "userId"),
        };
        return document.RootElement.GetProperty(entity).GetProperty(id).GetString()!;
    }

    /// <summary>Interactions are keyed by the pseudonym of the user id, never by the id itself.</summary>
    private static string ExpectedEventKey(string flow, string key) =>
        flow == "interactions" ? TestPipeline.Pseudonymiser().Pseudonymise(key) : key;

    private static CorpusCase Find(IReadOnlyList<CorpusCase> cases, string name) => cases.Single(corpusCase => corpusCase.Name == name);

    private static TheoryData<string, string> Names(Func<string, IReadOnlyList<CorpusCase>> load)
    {
        var data = new TheoryData<string, string>();
        foreach (var flow in CorpusFlows)
        {
            foreach (var corpusCase in load(flow))
            {
                data.Add(flow, corpusCase.Name);
            }
        }

        return data;
    }
}
