using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoFunctions.Functions.Planning;

namespace RecoFunctions.Functions.Tests.Planning;

public sealed class OrchestrationOptionsTests
{
    [Fact]
    public void AddRecoOrchestration_BoundSection_CarriesEveryValue()
    {
        using var services = Build(new Dictionary<string, string?>
        {
            ["Orchestration:MaxItemsPerOrchestration"] = "100",
            ["Orchestration:MaxInputBytes"] = "65536",
            ["Orchestration:ActivityMaxAttempts"] = "3",
            ["Orchestration:ActivityFirstRetryInterval"] = "00:00:05",
            ["Orchestration:ActivityBackoffCoefficient"] = "1.5",
            ["Orchestration:ActivityMaxRetryInterval"] = "00:02:00",
        });

        var options = services.GetRequiredService<IOptions<OrchestrationOptions>>().Value;

        Assert.Equal((100, 65536), (options.MaxItemsPerOrchestration, options.MaxInputBytes));
        Assert.Equal(new ActivityRetry(3, TimeSpan.FromSeconds(5), 1.5, TimeSpan.FromMinutes(2)), options.ToActivityRetry());
    }

    [Theory]
    [InlineData("Orchestration:MaxItemsPerOrchestration", "0", "Orchestration:MaxItemsPerOrchestration must be between 1 and 5000")]
    [InlineData("Orchestration:MaxInputBytes", "10", "Orchestration:MaxInputBytes must be between 1024 and 16777216")]
    [InlineData("Orchestration:ActivityMaxAttempts", "50", "Orchestration:ActivityMaxAttempts must be between 1 and 20")]
    [InlineData("Orchestration:ActivityFirstRetryInterval", "00:05:00", "Orchestration:ActivityFirstRetryInterval (00:05:00) must not exceed Orchestration:ActivityMaxRetryInterval (00:01:00)")]
    public void AddRecoOrchestration_InvalidSetting_FailsAtStartNamingKey(string key, string value, string expected)
    {
        using var services = Build(new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_AreValid()
    {
        using var services = Build(new Dictionary<string, string?>());

        services.GetRequiredService<IStartupValidator>().Validate();
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddRecoOrchestration(configuration).BuildServiceProvider();
    }
}
