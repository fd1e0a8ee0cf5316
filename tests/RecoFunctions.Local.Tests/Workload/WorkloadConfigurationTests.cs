using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoFunctions.Local.Workload;

namespace RecoFunctions.Local.Tests.Workload;

public sealed class WorkloadConfigurationTests
{
    [Theory]
    [InlineData("Kafka:Linger", "00:00:02", "Kafka:Linger must be between 00:00:00 and 00:00:01")]
    [InlineData("Kafka:SaslMechanism", "kerberos", "Kafka:SaslMechanism must be PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER.")]
    [InlineData("Kafka:Lingr", "00:00:00", "Kafka:Lingr is not a setting")]
    public void AddRecoWorkload_BadKafkaSetting_FailsAtStartNamingTheKey(string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false, reloadOnChange: false)
            .AddInMemoryCollection(new Dictionary<string, string?> { [key] = value })
            .Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddRecoWorkload(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(error.Failures, failure => failure.StartsWith(expected, StringComparison.Ordinal));
    }
}
