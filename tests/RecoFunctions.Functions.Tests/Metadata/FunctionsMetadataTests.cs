using System.Text.Json.Nodes;
using RecoFunctions.Functions.Planning;
using RecoFunctions.Functions.Triggers;

namespace RecoFunctions.Functions.Tests.Metadata;

/// <summary>
/// Every function and binding in the generated functions.metadata, property by property. The Kafka values are those of
/// the default build (RecoKafkaSecurity=SaslSsl): SASL_SSL with PLAIN, credentials and broker list named as app settings.
/// </summary>
public sealed class FunctionsMetadataTests
{
    [Fact]
    public void Functions_AreTheThreeTriggersTheOrchestratorAndTheTwoActivities()
    {
        var functions = FunctionsMetadataFile.Load().OfType<JsonObject>()
            .ToDictionary(function => (string)function["name"]!, function => (string)function["entryPoint"]!);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["ContentTrigger"] = "RecoFunctions.Functions.Triggers.ContentTrigger.RunAsync",
                ["CampaignTrigger"] = "RecoFunctions.Functions.Triggers.CampaignTrigger.RunAsync",
                ["InteractionsTrigger"] = "RecoFunctions.Functions.Triggers.InteractionsTrigger.RunAsync",
                [WorkflowActivityNames.BatchOrchestrator] = "RecoFunctions.Functions.Orchestration.BatchOrchestrator.RunAsync",
                [WorkflowActivityNames.ProcessBatch] = "RecoFunctions.Functions.Orchestration.ProcessBatchActivity.RunAsync",
                [WorkflowActivityNames.PublishDeadLetters] = "RecoFunctions.Functions.Orchestration.PublishDeadLettersActivity.RunAsync",
            },
            functions);
        Assert.All(FunctionsMetadataFile.Load().OfType<JsonObject>(), function =>
        {
            Assert.Equal("dotnet-isolated", (string?)function["language"]);
            Assert.Equal("RecoFunctions.Functions.dll", (string?)function["scriptFile"]);
        });
    }

    [Theory]
    [InlineData("ContentTrigger", "%KafkaContentTopic%")]
    [InlineData("CampaignTrigger", "%KafkaCampaignTopic%")]
    [InlineData("InteractionsTrigger", "%KafkaInteractionsTopic%")]
    public void KafkaTrigger_BatchedWithTopicGroupLagThresholdAndSaslFromAppSettings(string function, string topic)
    {
        var expected = new JsonObject
        {
            ["name"] = "records",
            ["direction"] = "In",
            ["type"] = "kafkaTrigger",
            ["brokerList"] = "KafkaBrokerList",
            ["topic"] = topic,
            ["consumerGroup"] = "%KafkaConsumerGroup%",
            ["lagThreshold"] = KafkaTriggerSettings.LagThreshold,
            ["protocol"] = "SaslSsl",
            ["authenticationMode"] = "Plain",
            ["username"] = "KafkaUsername",
            ["password"] = "KafkaPassword",
            ["cardinality"] = "Many",
            // KafkaRecord[] is bound by the worker from the host's record data, not converted from JSON by the host.
            ["properties"] = new JsonObject { ["supportsDeferredBinding"] = "True" },
        };

        FunctionsMetadataFile.AssertExactly(expected, FunctionsMetadataFile.Binding(function, "records"));
    }

    [Theory]
    [InlineData("ContentTrigger", "%KafkaContentDeadLetterTopic%")]
    [InlineData("CampaignTrigger", "%KafkaCampaignDeadLetterTopic%")]
    [InlineData("InteractionsTrigger", "%KafkaInteractionsDeadLetterTopic%")]
    public void DeadLetterOutput_IdempotentKafkaOutputToTheFlowsDeadLetterTopic(string function, string topic)
    {
        var expected = new JsonObject
        {
            ["name"] = "DeadLetters",
            ["direction"] = "Out",
            ["type"] = "kafka",
            ["brokerList"] = "KafkaBrokerList",
            ["topic"] = topic,
            ["username"] = "KafkaUsername",
            ["password"] = "KafkaPassword",
            ["protocol"] = "SaslSsl",
            ["authenticationMode"] = "Plain",
            ["enableIdempotence"] = true,
            ["properties"] = new JsonObject(),
        };

        FunctionsMetadataFile.AssertExactly(expected, FunctionsMetadataFile.Binding(function, "DeadLetters"));
    }

    [Theory]
    [InlineData("ContentTrigger")]
    [InlineData("CampaignTrigger")]
    public void Trigger_HasTheDurableClientAndNoOtherBinding(string function)
    {
        FunctionsMetadataFile.AssertExactly(
            new JsonObject { ["name"] = "client", ["direction"] = "In", ["type"] = "durableClient", ["properties"] = new JsonObject() },
            FunctionsMetadataFile.Binding(function, "client"));
        Assert.Equal(
            ["records", "client", "DeadLetters"],
            FunctionsMetadataFile.Function(function)["bindings"]!.AsArray().Select(binding => (string?)binding!["name"]));
    }

    [Fact]
    public void InteractionsTrigger_NoDurableClient_OnlyRecordsAndDeadLetters()
    {
        Assert.Equal(
            ["records", "DeadLetters"],
            FunctionsMetadataFile.Function("InteractionsTrigger")["bindings"]!.AsArray().Select(binding => (string?)binding!["name"]));
    }

    [Theory]
    [InlineData(WorkflowActivityNames.BatchOrchestrator, "context", "orchestrationTrigger")]
    [InlineData(WorkflowActivityNames.ProcessBatch, "request", "activityTrigger")]
    [InlineData(WorkflowActivityNames.PublishDeadLetters, "batch", "activityTrigger")]
    public void DurableFunction_HasOnlyItsTrigger(string function, string parameter, string type)
    {
        var bindings = FunctionsMetadataFile.Function(function)["bindings"]!.AsArray();

        var binding = Assert.Single(bindings);
        FunctionsMetadataFile.AssertExactly(
            new JsonObject { ["name"] = parameter, ["direction"] = "In", ["type"] = type, ["properties"] = new JsonObject() },
            binding!.AsObject());
    }
}
