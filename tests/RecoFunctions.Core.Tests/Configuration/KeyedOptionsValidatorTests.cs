using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoFunctions.Testing;
using RecoFunctions.Core.CircuitState;
using RecoFunctions.Core.Configuration;
using RecoFunctions.Core.Intake;
using RecoFunctions.Core.Telemetry;
using RecoFunctions.Core.Workflow;

namespace RecoFunctions.Core.Tests.Configuration;

public sealed class KeyedOptionsValidatorTests
{
    [Theory]
    [InlineData("Workflow:MaxAttemptsPerRun", "0", "Workflow:MaxAttemptsPerRun must be between 1 and 100.")]
    [InlineData("Workflow:MaxDelay", "02:00:00", "Workflow:MaxDelay must be between 00:00:00.0100000 and 01:00:00")]
    [InlineData("CircuitState:MaxPublishAttempts", "51", "CircuitState:MaxPublishAttempts must be between 1 and 50.")]
    [InlineData("CircuitState:Store", "Redis", "CircuitState:Store must be InMemory or AzureTable")]
    [InlineData("Pipeline:MaxJsonDepth", "1", "Pipeline:MaxJsonDepth must be between 2 and 256.")]
    [InlineData("Telemetry:TraceSampleRatio", "1.5", "Telemetry:TraceSampleRatio must be between 0 and 1.")]
    public void ValidateOnStart_BadValue_FailsNamingTheKey(string key, string value, string expected)
    {
        using var services = Build(new Dictionary<string, string?> { [key] = value });

        // The pipeline (no flows configured here) fails as well; the failures of every section are gathered.
        Assert.Contains(expected, StartupFailures.Of(services));
    }

    [Fact]
    public void ValidateOnStart_FeatureRegisteredTwice_ReportsEachFailureOnce()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Workflow:BackoffFactor"] = "0" }).Build();
        using var services = new ServiceCollection().AddRecoWorkflow(configuration).AddRecoWorkflow(configuration).BuildServiceProvider();

        Assert.Equal(["Workflow:BackoffFactor must be between 1 and 10."], StartupFailures.Of(services));
    }

    [Fact]
    public void Validate_OptionsOfAnotherName_AreLeftToTheirOwnValidator()
    {
        var validator = new KeyedOptionsValidator<WorkflowOptions, WorkflowOptionsValidator>(Options.DefaultName, WorkflowOptions.SectionName);

        var result = validator.Validate("other", new WorkflowOptions { MaxAttemptsPerRun = 0 });

        Assert.True(result.Skipped);
    }

    [Fact]
    public void Validate_CrossCheckFails_ReportsItsErrorWithTheAnnotations()
    {
        var validator = new KeyedOptionsValidator<WorkflowOptions, WorkflowOptionsValidator>(
            Options.DefaultName, WorkflowOptions.SectionName, static _ => "Workflow:FirstDelay is too long");

        var result = validator.Validate(Options.DefaultName, new WorkflowOptions { MaxAttemptsPerRun = 0 });

        Assert.Equal(["Workflow:MaxAttemptsPerRun must be between 1 and 100.", "Workflow:FirstDelay is too long"], result.Failures);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddRecoPipeline(configuration);
        services.AddRecoCircuitState(configuration);
        services.AddRecoWorkflow(configuration);
        services.AddRecoTelemetryOptions(configuration);
        return services.BuildServiceProvider();
    }
}
