using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Intake;
using RecoFunctions.Core.Tests.Support;

namespace RecoFunctions.Core.Tests.Flows;

/// <summary>Start-up validation of the Pipeline section: every problem reported at once, each naming its key.</summary>
public sealed class PipelineConfigurationTests
{
    private const string Fields = "Pipeline:Flows:content:Validation:Fields";

    [Theory]
    [InlineData(null)]
    [InlineData("Local")]
    [InlineData("Qal")]
    [InlineData("Production")]
    public void StartupValidation_ShippedConfiguration_HasNoProblems(string? environment)
    {
        Assert.Empty(TestPipeline.StartupErrors(TestPipeline.Configuration(environment: environment)));
    }

    [Fact]
    public void StartupValidation_ShippedConfiguration_RegistersBothFlows()
    {
        var flows = TestPipeline.Flows();

        Assert.Equal(("oicms.content.v1", "oicms.content.v1.dlq"), (flows.Get("content").Topic, flows.Get("content").DeadLetterTopic));
        Assert.Equal(("cm.events.v1", "cm.events.v1.dlq"), (flows.Get("campaign").Topic, flows.Get("campaign").DeadLetterTopic));
    }

    [Fact]
    public void StartupValidation_InvalidPattern_NamesTheKeyAndTheRegexError()
    {
        var error = Assert.Single(TestPipeline.StartupErrors(Override($"{Fields}:content.title:Pattern", "[")));

        Assert.StartsWith($"{Fields}:content.title:Pattern: '[' is not a valid regular expression (", error, StringComparison.Ordinal);
    }

    [Fact]
    public void StartupValidation_MisspeltRuleKey_NamesTheKeyAndSuggestsTheSetting()
    {
        var error = Assert.Single(TestPipeline.StartupErrors(Override($"{Fields}:content.title:MaxLenght", "120")));

        Assert.StartsWith($"{Fields}:content.title:MaxLenght is not a known setting (did you mean MaxLength?", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Pipeline:MaxPayloadByte", "Pipeline:MaxPayloadByte is not a known setting (did you mean MaxPayloadBytes?")]
    [InlineData("Pipeline:Flows:content:Topik", "Pipeline:Flows:content:Topik is not a known setting (did you mean Topic?")]
    [InlineData("Pipeline:Flows:content:Validation:CrossFields:0:Rule", "Pipeline:Flows:content:Validation:CrossFields is not a known setting (did you mean CrossField?")]
    [InlineData("Pipeline:Flows:campaign:Validation:CrossField:0:Paht", "Pipeline:Flows:campaign:Validation:CrossField:0:Paht is not a known setting (did you mean Path?")]
    [InlineData("Pipeline:Flows:content:Validation:Fields:content.title:Required:Yes", "Pipeline:Flows:content:Validation:Fields:content.title:Required must be a single value, not a section")]
    [InlineData("Pipeline:Flows:content:Validation:Fields:content.kind:Enum:first", "Pipeline:Flows:content:Validation:Fields:content.kind:Enum:first is not a list index")]
    [InlineData("Pipeline:Flows:content:Validation", "Pipeline:Flows:content:Validation must be a section, not a single value")]
    public void StartupValidation_UnknownOrMisshapenKey_IsReported(string key, string expectedStart)
    {
        var errors = TestPipeline.StartupErrors(Override(key, "x"));

        Assert.Contains(errors, error => error.StartsWith(expectedStart, StringComparison.Ordinal));
    }

    [Fact]
    public void StartupValidation_UnknownCrossFieldRule_ListsTheKnownRules()
    {
        var error = Assert.Single(TestPipeline.StartupErrors(Override("Pipeline:Flows:campaign:Validation:CrossField:1:Rule", "before")));

        Assert.Equal("Pipeline:Flows:campaign:Validation:CrossField:1:Rule 'before' is not a known cross-field rule (after, matchesKey)", error);
    }

    [Fact]
    public void StartupValidation_MissingTopic_IsRequired()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pipeline:Flows:campaign:Contract"] = "campaign.v1",
        }).Build();

        Assert.Equal(["Pipeline:Flows:campaign:Topic is required"], TestPipeline.StartupErrors(configuration));
    }

    [Fact]
    public void StartupValidation_UnknownType_ListsTheKnownTypes()
    {
        var error = Assert.Single(TestPipeline.StartupErrors(Override($"{Fields}:content.title:Type", "text")));

        Assert.Equal($"{Fields}:content.title:Type 'text' is not a known type (string, integer, number, boolean, object, array, timestamp, url)", error);
    }

    [Fact]
    public void StartupValidation_UnknownContract_NamesTheKey()
    {
        var error = Assert.Single(TestPipeline.StartupErrors(Override("Pipeline:Flows:content:Contract", "content.v2")));

        Assert.Equal("Pipeline:Flows:content:Contract 'content.v2' is not a known contract (content.v1, campaign.v1, interactions.v1)", error);
    }

    [Fact]
    public void StartupValidation_DuplicateTopic_NamesBothFlows()
    {
        var error = Assert.Single(TestPipeline.StartupErrors(Override("Pipeline:Flows:content:Topic", "cm.events.v1")));

        Assert.Equal("Pipeline:Flows:content:Topic 'cm.events.v1' is already the topic of Pipeline:Flows:campaign; each topic belongs to one flow", error);
    }

    [Fact]
    public void StartupValidation_DeadLetterTopicOfAnotherFlow_IsRefused()
    {
        var error = Assert.Single(TestPipeline.StartupErrors(Override("Pipeline:Flows:content:DeadLetterTopic", "cm.events.v1")));

        Assert.StartsWith("Pipeline:Flows:content:DeadLetterTopic 'cm.events.v1' is the topic of Pipeline:Flows:campaign", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("content.title", "MinLength", "400", $"{Fields}:content.title:MinLength (400) must not be greater than {Fields}:content.title:MaxLength (300)")]
    [InlineData("content.version", "Maximum", "0", $"{Fields}:content.version:Minimum (1) must not be greater than {Fields}:content.version:Maximum (0)")]
    [InlineData("content.tags", "MinItems", "60", $"{Fields}:content.tags:MinItems (60) must not be greater than {Fields}:content.tags:MaxItems (50)")]
    [InlineData("content.tags", "MaxItems", "-1", $"{Fields}:content.tags:MaxItems must not be negative")]
    [InlineData("content.version", "MaxLength", "3", $"{Fields}:content.version: Pattern, MinLength and MaxLength apply only to fields of Type string, timestamp or url, not 'integer'")]
    [InlineData("content.title", "MaxFutureSkew", "00:10:00", $"{Fields}:content.title: MaxFutureSkew applies only to fields of Type timestamp, not 'string'")]
    [InlineData("content.sourceUrl", "Schemes:2", "not a scheme", $"{Fields}:content.sourceUrl:Schemes: 'not a scheme' is not a valid URI scheme")]
    public void StartupValidation_InconsistentRule_NamesTheKeys(string field, string setting, string value, string expected)
    {
        Assert.Contains(expected, TestPipeline.StartupErrors(Override($"{Fields}:{field}:{setting}", value)));
    }

    [Theory]
    [InlineData("content..title", "is not a valid field path")]
    [InlineData("$.content.title", "must be written without the leading '$.'")]
    [InlineData("content.tags[0]", "is not a valid field path")]
    public void StartupValidation_InvalidFieldPath_NamesTheField(string path, string expected)
    {
        var error = Assert.Single(TestPipeline.StartupErrors(Override($"{Fields}:{path}:Type", "string")));

        Assert.StartsWith($"{Fields}:{path} ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void StartupValidation_AfterOnNonTimestampField_IsRefused()
    {
        var error = Assert.Single(TestPipeline.StartupErrors(Override("Pipeline:Flows:campaign:Validation:CrossField:1:Other", "campaign.name")));

        Assert.Equal("Pipeline:Flows:campaign:Validation:CrossField:1:Other 'campaign.name' must name a field configured with Type timestamp under Pipeline:Flows:campaign:Validation:Fields", error);
    }

    [Fact]
    public void StartupValidation_PayloadLimitOutOfRange_NamesTheKey()
    {
        var error = Assert.Single(TestPipeline.StartupErrors(Override("Pipeline:MaxPayloadBytes", "10")));

        Assert.Contains("Pipeline:MaxPayloadBytes must be between 64 and 67108864.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void StartupValidation_ManyProblems_ReportsEveryOne()
    {
        var errors = TestPipeline.StartupErrors(new Dictionary<string, string?>
        {
            [$"{Fields}:content.title:Pattern"] = "(",
            [$"{Fields}:content.title:MaxLenght"] = "1",
            ["Pipeline:Flows:campaign:Topic"] = "",
            ["Pipeline:Flows:campaign:Validation:Fields:campaign.priority:Type"] = "int",
        });

        Assert.Equal(4, errors.Count);
    }

    [Fact]
    public void StartupValidation_ValueThatCannotBeConverted_FailsNamingTheKey()
    {
        using var provider = TestPipeline.Services(TestPipeline.Configuration(Override($"{Fields}:content.title:MaxLength", "many")));

        var exception = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains($"{Fields}:content.title:MaxLength", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnvironmentVariable_OverridesARuleOfADottedField()
    {
        // Field paths contain dots; the environment variable provider keeps them, only "__" separates sections.
        const string prefix = "RECO_TEST_9F3B_";
        Environment.SetEnvironmentVariable(prefix + "Pipeline__Flows__content__Validation__Fields__content.title__MaxLength", "5");
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddJsonFile(Path.Combine(TestPipeline.ConfigDirectory, "appsettings.json"))
                .AddEnvironmentVariables(prefix)
                .Build();
            using var provider = TestPipeline.Services(configuration);

            var options = provider.GetRequiredService<IOptions<PipelineOptions>>().Value;

            Assert.Equal(5, options.Flows["content"].Validation.Fields["content.title"].MaxLength);
            Assert.Equal(300, new ConfigurationBuilder().AddJsonFile(Path.Combine(TestPipeline.ConfigDirectory, "appsettings.json")).Build()
                .GetValue<int>($"{Fields}:content.title:MaxLength"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "Pipeline__Flows__content__Validation__Fields__content.title__MaxLength", null);
        }
    }

    [Fact]
    public void AddRecoPipeline_CalledTwice_ValidatesOnce()
    {
        var services = new ServiceCollection();
        var configuration = TestPipeline.Configuration(Override($"{Fields}:content.title:Type", "text"));
        services.AddRecoPipeline(configuration).AddRecoPipeline(configuration);
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Single(exception.Failures);
    }

    private static Dictionary<string, string?> Override(string key, string? value) => new() { [key] = value };
}
