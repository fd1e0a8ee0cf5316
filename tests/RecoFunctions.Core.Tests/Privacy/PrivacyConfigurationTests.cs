using Microsoft.Extensions.DependencyInjection;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Tests.Support;

namespace RecoFunctions.Core.Tests.Privacy;

public sealed class PrivacyConfigurationTests
{
    [Fact]
    public void StartupValidation_InteractionsEnabledWithoutKey_FailsNamingTheKey()
    {
        var errors = TestPipeline.StartupErrors(new Dictionary<string, string?> { ["Pipeline:Flows:interactions:Enabled"] = "true" });

        var error = Assert.Single(errors);
        Assert.StartsWith("Privacy:PseudonymKey is required while a flow carries user ids", error, StringComparison.Ordinal);
    }

    [Fact]
    public void StartupValidation_InteractionsEnabledWithShortKey_FailsWithoutShowingTheKey()
    {
        const string Key = "too-short-key";

        var errors = TestPipeline.StartupErrors(new Dictionary<string, string?>
        {
            ["Pipeline:Flows:interactions:Enabled"] = "true",
            ["Privacy:PseudonymKey"] = Key,
        });

        var error = Assert.Single(errors);
        Assert.StartsWith("Privacy:PseudonymKey is too short", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error, StringComparison.Ordinal);
    }

    [Fact]
    public void StartupValidation_ShippedBaseConfiguration_NeedsNoKey() =>
        Assert.Empty(TestPipeline.StartupErrors(new Dictionary<string, string?>()));

    [Fact]
    public void StartupValidation_LocalEnvironment_EnablesInteractionsWithItsDevelopmentKey()
    {
        var configuration = TestPipeline.Configuration(environment: "Local");

        Assert.Empty(TestPipeline.StartupErrors(configuration));
        using var services = TestPipeline.Services(configuration);
        Assert.Contains(services.GetRequiredService<FlowRegistry>().Flows, flow => flow.Name == "interactions" && flow.Topic == "ua.interactions.v1");
    }

    [Fact]
    public void Redactor_InteractionsEnabled_RedactsItsTopicOnly()
    {
        using var services = TestPipeline.Services(TestPipeline.Configuration(TestPipeline.WithInteractions()));

        var redactor = services.GetRequiredService<DeadLetterRedactor>();

        Assert.True(redactor.Redacts("ua.interactions.v1"));
        Assert.False(redactor.Redacts("oicms.content.v1"));
    }

    [Fact]
    public void Redactor_NoFlowCarriesUserIds_IsNoneAndNeedsNoKey()
    {
        using var services = TestPipeline.Services(TestPipeline.Configuration());

        Assert.Same(DeadLetterRedactor.None, services.GetRequiredService<DeadLetterRedactor>());
    }
}
