using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Services;
using RecoFunctions.Testing;

namespace RecoFunctions.Core.Tests.Services;

public sealed class ServiceOptionsValidationTests
{
    [Fact]
    public void Validate_RepositoryConfiguration_Passes()
    {
        using var provider = Build(new Dictionary<string, string?>());

        provider.GetRequiredService<IStartupValidator>().Validate();

        var options = provider.GetRequiredService<IOptionsMonitor<ServiceEndpointOptions>>().Get("recommender-api");
        Assert.Equal("http://127.0.0.1:5080/", options.BaseUrl);
        Assert.Equal(200, options.BatchSize);
    }

    [Theory]
    [InlineData("Services:content-api:BaseUrl", "", "Services:content-api:BaseUrl is required")]
    [InlineData("Services:placement-api:BaseUrl", "/relative", "Services:placement-api:BaseUrl must be an absolute http or https URL")]
    [InlineData("Services:placement-api:BaseUrl", "ftp://host/", "Services:placement-api:BaseUrl must be an absolute http or https URL")]
    [InlineData("Services:recommender-api:BatchSize", "0", "Services:recommender-api:BatchSize must be between 1 and 5000")]
    [InlineData("Services:content-api:MaxConcurrency", "5000", "Services:content-api:MaxConcurrency must be between 1 and 1024")]
    [InlineData("Services:content-api:Timeout", "00:00:00", "Services:content-api:Timeout must be between 00:00:00.0100000 and 00:10:00")]
    [InlineData("Services:content-api:ApiKeyHeader", "X Api Key", "Services:content-api:ApiKeyHeader must be a valid HTTP header name")]
    public void Validate_BadValue_FailsNamingTheKey(string key, string value, string expected)
    {
        using var provider = Build(new Dictionary<string, string?> { [key] = value });

        var error = StartupError(provider);

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownStepName_FailsNamingTheKey()
    {
        using var provider = Build(new Dictionary<string, string?> { ["Pipeline:Flows:campaign:Steps:1"] = "placment" });

        var error = StartupError(provider);

        Assert.Contains("Pipeline:Flows:campaign:Steps:1 'placment' is not a known enrichment step", error, StringComparison.Ordinal);
        Assert.Contains("content-api, placement, recommender-known-content", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_StepOfTheOtherFlow_FailsNamingTheKey()
    {
        using var provider = Build(new Dictionary<string, string?> { ["Pipeline:Flows:content:Steps:0"] = "placement" });

        var error = StartupError(provider);

        Assert.Contains("Pipeline:Flows:content:Steps:0 'placement' enriches campaign.v1 flows, not content.v1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ApiKey_Configured_IsNotPartOfAnyValidationMessage()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Services:content-api:ApiKey"] = "do-not-print-me",
            ["Services:content-api:BatchSize"] = "0",
        });

        var error = StartupError(provider);

        Assert.DoesNotContain("do-not-print-me", error, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = RecoServicesHarness.BuildConfiguration(null, settings);
        return RecoServicesHarness.CreateServices(configuration, new PassThroughServicePipelineProvider()).BuildServiceProvider();
    }

    private static string StartupError(ServiceProvider provider)
    {
        var exception = Record.Exception(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.NotNull(exception);
        return exception is AggregateException aggregate
            ? string.Join(Environment.NewLine, aggregate.InnerExceptions.Select(inner => inner.Message))
            : exception.Message;
    }
}
