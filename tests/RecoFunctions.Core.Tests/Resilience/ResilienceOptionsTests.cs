using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.CircuitState;
using RecoFunctions.Core.Resilience;
using RecoFunctions.Core.Tests.Support;
using RecoFunctions.Core.Workflow;

namespace RecoFunctions.Core.Tests.Resilience;

public sealed class ResilienceOptionsTests
{
    [Fact]
    public void AddRecoResilience_ServiceSectionSetsSomeKeys_OtherKeysComeFromDefaults()
    {
        using var services = OptionsHost.Build(new Dictionary<string, string?>
        {
            ["Resilience:Defaults:Retry:MaxAttempts"] = "3",
            ["Resilience:Defaults:Retry:BaseDelay"] = "00:00:00.250",
            ["Resilience:Defaults:CircuitBreaker:BreakDuration"] = "00:00:20",
            ["Resilience:content-api:Retry:MaxAttempts"] = "5",
            ["Resilience:recommender-api:AttemptTimeout"] = "00:00:03",
        });

        OptionsHost.ValidateOnStart(services);
        var options = services.GetRequiredService<IOptions<ResilienceOptions>>().Value;

        var content = options.For(ServiceNames.ContentApi);
        Assert.Equal(5, content.Retry.MaxAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(250), content.Retry.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(20), content.CircuitBreaker.BreakDuration);
        Assert.Equal(3, options.For(ServiceNames.PlacementApi).Retry.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(3), options.For(ServiceNames.RecommenderApi).AttemptTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), options.For(ServiceNames.ContentApi).AttemptTimeout);
        Assert.NotSame(content.Retry, options.For(ServiceNames.PlacementApi).Retry);
    }

    [Fact]
    public void AddRecoResilience_ServiceValueOutOfRange_FailsAtStartNamingTheServiceKey()
    {
        var error = OptionsHost.StartupError(new Dictionary<string, string?> { ["Resilience:content-api:Retry:MaxAttempts"] = "25" });

        Assert.Contains("Resilience:content-api:Retry:MaxAttempts must be between 0 and 20", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRecoResilience_DefaultsValueOutOfRange_ReportedOnceUnderTheDefaultsKey()
    {
        var error = OptionsHost.StartupError(new Dictionary<string, string?> { ["Resilience:Defaults:CircuitBreaker:FailureRatio"] = "1.5" });

        Assert.Single(error.Failures);
        Assert.Contains("Resilience:Defaults:CircuitBreaker:FailureRatio must be between 0.01 and 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Resilience:placement-api:AttemptTimeout", "00:00:00", "Resilience:placement-api:AttemptTimeout must be between 00:00:00.0100000 and 00:05:00")]
    [InlineData("Resilience:Defaults:CircuitBreaker:MinimumThroughput", "1", "Resilience:Defaults:CircuitBreaker:MinimumThroughput must be between 2 and 1000000")]
    [InlineData("Resilience:recommender-api:CircuitBreaker:BreakDuration", "00:00:00.100", "Resilience:recommender-api:CircuitBreaker:BreakDuration must be between 00:00:00.5000000 and 01:00:00")]
    [InlineData("Resilience:content-api:AttemptTimeout", "00:00:30", "Resilience:content-api:AttemptTimeout (00:00:30) must not exceed Resilience:Defaults:TotalTimeout (00:00:10)")]
    [InlineData("Resilience:content-api:Retry:BaseDelay", "00:00:06", "Resilience:content-api:Retry:BaseDelay (00:00:06) must not exceed Resilience:Defaults:Retry:MaxDelay (00:00:05)")]
    [InlineData("Resilience:content-apii:Retry:MaxAttempts", "2", "Resilience:content-apii names no known service")]
    public void AddRecoResilience_InvalidSetting_FailsAtStartWithKeyedMessage(string key, string value, string expected)
    {
        var error = OptionsHost.StartupError(new Dictionary<string, string?> { [key] = value });

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRecoCircuitState_InvalidSettings_FailAtStartNamingKeys()
    {
        var error = OptionsHost.StartupError(new Dictionary<string, string?>
        {
            ["CircuitState:Store"] = "Redis",
            ["CircuitState:RefreshInterval"] = "00:00:00",
            ["CircuitState:MaxPublishAttempts"] = "0",
        });

        Assert.Contains("CircuitState:Store must be InMemory or AzureTable", error.Message, StringComparison.Ordinal);
        Assert.Contains("CircuitState:RefreshInterval must be between 00:00:00.1000000 and 00:05:00", error.Message, StringComparison.Ordinal);
        Assert.Contains("CircuitState:MaxPublishAttempts must be between 1 and 50", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRecoCircuitState_AzureTableWithoutItsStore_ResolvingStoreFailsClearly()
    {
        using var services = OptionsHost.Build(new Dictionary<string, string?> { ["CircuitState:Store"] = "AzureTable" });

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<ICircuitStateStore>());

        Assert.Contains("CircuitState:Store is 'AzureTable'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRecoCircuitState_StoreRegisteredByHost_HostStoreWins()
    {
        var store = new InMemoryCircuitStateStore();
        var services = new ServiceCollection();
        services.AddSingleton<ICircuitStateStore>(store);
        services.AddRecoResilience(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();

        Assert.Same(store, provider.GetRequiredService<ICircuitStateStore>());
    }

    [Fact]
    public void ShippedConfiguration_AllSections_ValidWithProductionDefaults()
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile(Path.Combine("config", "appsettings.json"), optional: false)
            .Build();
        using var services = OptionsHost.Build(configuration);

        OptionsHost.ValidateOnStart(services);
        var resilience = services.GetRequiredService<IOptions<ResilienceOptions>>().Value;
        var content = resilience.For(ServiceNames.ContentApi);
        var budget = services.GetRequiredService<RetryBudget>();
        var circuitState = services.GetRequiredService<IOptions<CircuitStateOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(2), content.AttemptTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), content.TotalTimeout);
        Assert.Equal(3, content.Retry.MaxAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(200), content.Retry.BaseDelay);
        Assert.Equal(0.5, content.CircuitBreaker.FailureRatio);
        Assert.Equal(20, content.CircuitBreaker.MinimumThroughput);
        Assert.Equal(TimeSpan.FromSeconds(15), content.CircuitBreaker.BreakDuration);
        Assert.Equal(new RetryBudget(5, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1)), budget);
        Assert.Equal(TimeSpan.FromSeconds(2), circuitState.RefreshInterval);
        Assert.Equal(CircuitStateOptions.InMemoryStore, circuitState.Store);
        Assert.IsType<InMemoryCircuitStateStore>(services.GetRequiredService<ICircuitStateStore>());
        Assert.All(ServiceNames.All, service => Assert.NotNull(services.GetRequiredService<IServicePipelineProvider>().GetPipeline(service)));
    }
}
