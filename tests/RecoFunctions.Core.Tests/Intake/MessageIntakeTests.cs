using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Intake;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Core.Tests.Support;
using RecoFunctions.Testing;

namespace RecoFunctions.Core.Tests.Intake;

public sealed class MessageIntakeTests
{
    private const string ContentTopic = "oicms.content.v1";
    private const string CampaignTopic = "cm.events.v1";

    private const string Content = """
        {"eventId":"e-1","eventType":"content.updated","occurredAt":"2026-11-21T09:00:00+01:00",
         "content":{"contentId":"art-1","version":7,"kind":"video","title":"Derby highlights","locale":"en-GB",
                    "sourceUrl":"https://cms.example/videos/1","tags":["sport","football"],"publishedAt":"2026-11-20T08:00:00Z"}}
        """;

    private const string Campaign = """
        {"eventId":"e-2","eventType":"campaign.paused","occurredAt":"2026-11-21T09:00:00Z",
         "campaign":{"campaignId":"cmp-7","version":3,"placementId":"home-hero","contentIds":["art-1"]}}
        """;

    [Fact]
    public void Accept_ValidContentMessage_MapsEveryFieldIntoTheDomainEvent()
    {
        var result = TestPipeline.Intake().Accept(Message(ContentTopic, Content, "art-1"));

        var accepted = Assert.IsType<ContentEvent>(result.Event);
        Assert.Equal(
            new ContentEvent("e-1", ContentEventType.Updated, new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero), accepted.Content),
            accepted);
        Assert.Equal(("art-1", 7L, "video", "Derby highlights", "en-GB"), (accepted.Content.ContentId, accepted.Content.Version, accepted.Content.Kind, accepted.Content.Title, accepted.Content.Locale));
        Assert.Equal("https://cms.example/videos/1", accepted.Content.SourceUrl);
        Assert.Equal(["sport", "football"], accepted.Content.Tags);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero), accepted.Content.PublishedAt);
        Assert.Equal((PipelineStage.Validate, "art-1", 7L), (result.Stage, accepted.Key, accepted.Version));
        Assert.Equal(new MessageId(ContentTopic, 3, 99), result.Id);
    }

    [Fact]
    public void Accept_CampaignWithoutOptionalFields_MapsDefaults()
    {
        var result = TestPipeline.Intake().Accept(Message(CampaignTopic, Campaign, "cmp-7"));

        var accepted = Assert.IsType<CampaignEvent>(result.Event);
        Assert.Equal(CampaignEventType.Paused, accepted.EventType);
        Assert.True(accepted.IsRetirement);
        Assert.Equal(("cmp-7", 3L, "home-hero", 0), (accepted.Campaign.CampaignId, accepted.Campaign.Version, accepted.Campaign.PlacementId, accepted.Campaign.Priority));
        Assert.Equal(["art-1"], accepted.Campaign.ContentIds);
        Assert.Empty(accepted.Campaign.SegmentIds);
        Assert.Null(accepted.Campaign.Name);
        Assert.Null(accepted.Campaign.EndAt);
    }

    [Fact]
    public void Accept_UnknownTopic_ReportsFlowViolationAtParseStage()
    {
        var result = TestPipeline.Intake().Accept(Message("other.topic", Content, "art-1"));

        var violation = Assert.Single(result.Violations);
        Assert.Equal(("$", "flow"), (violation.Path, violation.Rule));
        Assert.Contains("other.topic", violation.Message, StringComparison.Ordinal);
        Assert.Equal(PipelineStage.Parse, result.Stage);
        Assert.Equal("parse: flow at $", result.Reason);
    }

    [Fact]
    public void Accept_TopicOfDisabledFlow_ReportsFlowViolation()
    {
        var intake = TestPipeline.Intake(new Dictionary<string, string?> { ["Pipeline:Flows:campaign:Enabled"] = "false" });

        var result = intake.Accept(Message(CampaignTopic, Campaign, "cmp-7"));

        Assert.Equal("flow", Assert.Single(result.Violations).Rule);
    }

    [Fact]
    public void Accept_FlowOfAnotherConfiguration_Throws()
    {
        var intake = TestPipeline.Intake();
        var stranger = new FlowDefinition("news", Contracts.ContractKind.ContentV1, "news.v1", "news.v1.dlq", []);

        Assert.Throws<ArgumentException>(() => intake.Accept(stranger, default, Encoding.UTF8.GetBytes(Content), null, keyKnown: false));
    }

    [Fact]
    public void Accept_RequiredRuleRemovedFromConfiguration_MapperReportsRequired()
    {
        // Configuration may weaken the rules; the domain still cannot have a content item without a kind.
        var intake = TestPipeline.Intake(new Dictionary<string, string?> { ["Pipeline:Flows:content:Validation:Fields:content.kind:Required"] = "false" });
        var json = Content.Replace("\"kind\":\"video\",", string.Empty, StringComparison.Ordinal);

        var result = intake.Accept(Message(ContentTopic, json, "art-1"));

        Assert.Equal(["$.content.kind required"], result.Violations.Select(TestPipeline.Format));
        Assert.Equal(PipelineStage.Validate, result.Stage);
    }

    [Fact]
    public void Accept_TypeRuleRemovedFromConfiguration_MapperReportsTypeAtThePath()
    {
        var intake = TestPipeline.Intake(new Dictionary<string, string?>
        {
            ["Pipeline:Flows:content:Validation:Fields:content.version:Type"] = null,
            ["Pipeline:Flows:content:Validation:Fields:content.version:Minimum"] = null,
        });
        var json = Content.Replace("\"version\":7", "\"version\":\"7\"", StringComparison.Ordinal);

        var result = intake.Accept(Message(ContentTopic, json, "art-1"));

        Assert.Equal(["$.content.version type"], result.Violations.Select(TestPipeline.Format));
    }

    [Fact]
    public void Accept_SeveralTypeRulesRemovedFromConfiguration_MapperReportsEveryWrongKindAtItsPath()
    {
        var intake = TestPipeline.Intake(new Dictionary<string, string?>
        {
            ["Pipeline:Flows:content:Validation:Fields:content.version:Type"] = null,
            ["Pipeline:Flows:content:Validation:Fields:content.version:Minimum"] = null,
            ["Pipeline:Flows:content:Validation:Fields:content.tags[]:Type"] = null,
            ["Pipeline:Flows:content:Validation:Fields:content.tags[]:MinLength"] = null,
            ["Pipeline:Flows:content:Validation:Fields:content.tags[]:MaxLength"] = null,
        });
        var json = Content
            .Replace("\"version\":7", "\"version\":7.5", StringComparison.Ordinal)
            .Replace("[\"sport\",\"football\"]", "[\"sport\",3,null]", StringComparison.Ordinal);

        var result = intake.Accept(Message(ContentTopic, json, "art-1"));

        Assert.Equal(["$.content.version type", "$.content.tags[1] type", "$.content.tags[2] type"], result.Violations.Select(TestPipeline.Format));
        Assert.Equal(PipelineStage.Validate, result.Stage);
    }

    [Fact]
    public void Accept_ObjectTypeRemovedFromConfiguration_MapperReportsTypeOnceForTheObject()
    {
        var intake = TestPipeline.Intake(new Dictionary<string, string?> { ["Pipeline:Flows:campaign:Validation:Fields:campaign:Type"] = null });
        var json = """{"eventId":"e-2","eventType":"campaign.paused","occurredAt":"2026-11-21T09:00:00Z","campaign":["cmp-7"]}""";

        var result = intake.Accept(Message(CampaignTopic, json, "cmp-7"));

        Assert.Equal(["$.campaign type"], result.Violations.Select(TestPipeline.Format));
    }

    [Fact]
    public void Accept_EventTypeOfTheWrongKindWithoutItsRule_MapperReportsTypeNotEnum()
    {
        var options = TestPipeline.Services(TestPipeline.Configuration()).GetRequiredService<IOptions<PipelineOptions>>().Value;
        Assert.True(options.Flows["campaign"].Validation.Fields.Remove("eventType"));
        var intake = MessageIntake.Create(options, TestClock.Create());
        var json = Campaign.Replace("\"campaign.paused\"", "42", StringComparison.Ordinal);

        var result = intake.Accept(Message(CampaignTopic, json, "cmp-7"));

        Assert.Equal(["$.eventType type"], result.Violations.Select(TestPipeline.Format));
    }

    [Fact]
    public void Accept_UrlTypeRemovedFromConfiguration_MapperReportsUrl()
    {
        var options = TestPipeline.Services(TestPipeline.Configuration()).GetRequiredService<IOptions<PipelineOptions>>().Value;
        options.Flows["content"].Validation.Fields["content.sourceUrl"] = new FieldRuleOptions { Type = "string" };
        var intake = MessageIntake.Create(options, TestClock.Create());
        var json = Content.Replace("https://cms.example/videos/1", "videos/1", StringComparison.Ordinal);

        var result = intake.Accept(Message(ContentTopic, json, "art-1"));

        Assert.Equal(["$.content.sourceUrl url"], result.Violations.Select(TestPipeline.Format));
    }

    [Fact]
    public void Accept_PatternSwitchedOffWithEmptyValue_AcceptsWhatItWouldReject()
    {
        var intake = TestPipeline.Intake(new Dictionary<string, string?> { ["Pipeline:Flows:content:Validation:Fields:content.locale:Pattern"] = "" });
        var json = Content.Replace("en-GB", "English", StringComparison.Ordinal);

        Assert.True(intake.Accept(Message(ContentTopic, json, "art-1")).IsValid);
        Assert.False(TestPipeline.Intake().Accept(Message(ContentTopic, json, "art-1")).IsValid);
    }

    [Fact]
    public void Accept_EnumRemovedFromConfiguration_MapperReportsUnknownEventType()
    {
        var intake = TestPipeline.Intake(new Dictionary<string, string?>
        {
            ["Pipeline:Flows:campaign:Validation:Fields:eventType:Enum:0"] = "campaign.archived",
        });
        var json = Campaign.Replace("campaign.paused", "campaign.archived", StringComparison.Ordinal);

        var result = intake.Accept(Message(CampaignTopic, json, "cmp-7"));

        Assert.Equal(["$.eventType enum"], result.Violations.Select(TestPipeline.Format));
    }

    [Fact]
    public void Accept_WithoutKeyInFileMode_SkipsMatchesKey()
    {
        var intake = TestPipeline.Intake();
        var flow = TestPipeline.Flows().Get("content");

        var result = intake.Accept(flow, new MessageId("file", 0, 1), Encoding.UTF8.GetBytes(Content), key: null, keyKnown: false);

        Assert.True(result.IsValid);
    }

    [Fact]
    public void RejectOversized_GivesTheVerdictOfAnOversizedValue()
    {
        var intake = TestPipeline.Intake();
        var oversized = new byte[intake.MaxPayloadBytes + 1];

        var direct = intake.Accept(Message(ContentTopic, oversized, "art-1"));
        var early = intake.RejectOversized(new MessageId(ContentTopic, 3, 99), oversized.Length);

        Assert.Equal(direct.Violations, early.Violations);
        Assert.Equal(direct.Stage, early.Stage);
    }

    [Fact]
    public void Create_InvalidOptions_ThrowsNamingTheKey()
    {
        var options = new PipelineOptions();
        options.Flows["content"] = new FlowOptions { Contract = "content.v1" };

        var exception = Assert.Throws<OptionsValidationException>(() => MessageIntake.Create(options));

        Assert.Contains("Pipeline:Flows:content:Topic is required", exception.Failures);
    }

    [Fact]
    public void Accept_ManyViolations_ReasonListsThemInOrder()
    {
        var json = """{"eventId":"","eventType":"content.x","occurredAt":"2026-11-21T09:00:00Z","content":{"contentId":"art-1","version":0,"kind":"video"}}""";

        var result = TestPipeline.Intake().Accept(Message(ContentTopic, json, "art-1"));

        Assert.Equal("validate: minimum at $.content.version; pattern at $.eventId; minLength at $.eventId; enum at $.eventType", result.Reason);
    }

    private static KafkaMessage Message(string topic, string value, string? key) => Message(topic, Encoding.UTF8.GetBytes(value), key);

    private static KafkaMessage Message(string topic, byte[] value, string? key) =>
        new(topic, 3, 99, key, [], DateTimeOffset.UnixEpoch, value);
}
