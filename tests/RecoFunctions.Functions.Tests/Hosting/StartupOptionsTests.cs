using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoFunctions.Testing;
using RecoFunctions.Functions.Hosting;

namespace RecoFunctions.Functions.Tests.Hosting;

public sealed class StartupOptionsTests
{
    [Theory]
    [InlineData("KafkaDeadLetterTimeoutMs", "10", "KafkaDeadLetterTimeoutMs must be between 1000 and 300000.")]
    [InlineData("KafkaBrokerList", "", "The KafkaBrokerList app setting is required (host:port[,host:port]).")]
    [InlineData("CircuitState:TableName", " ", "CircuitState:TableName must not be empty.")]
    [InlineData("Orchestration:MaxInputBytes", "10", "Orchestration:MaxInputBytes must be between 1024 and 16777216.")]
    public void AddRecoFunctions_BadSetting_FailsAtStartNamingTheKey(string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["KafkaBrokerList"] = "127.0.0.1:9" })
            .AddInMemoryCollection(new Dictionary<string, string?> { [key] = value })
            .Build();
        using var services = new ServiceCollection().AddRecoFunctions(configuration).BuildServiceProvider();

        // The pipeline (no flows configured here) fails as well; the failures of every section are gathered.
        Assert.Contains(expected, StartupFailures.Of(services));
    }
}
