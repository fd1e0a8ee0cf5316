using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoFunctions.Runtime.Hosting;
using RecoFunctions.Runtime.Kafka;

namespace RecoFunctions.Runtime.Tests;

public sealed class RuntimeConfigurationTests
{
    [Fact]
    public void AddRecoRuntime_ShippedConfiguration_BindsTheDocumentedDefaults()
    {
        using var services = Build(new Dictionary<string, string?>());

        var runtime = services.GetRequiredService<IOptions<RuntimeOptions>>().Value;
        var kafka = services.GetRequiredService<IOptions<KafkaOptions>>().Value;

        Assert.Equal(256, runtime.MaxBatchSize);
        Assert.Equal(TimeSpan.FromMilliseconds(5), runtime.MaxBatchDelay);
        Assert.Equal(4, runtime.MaxBatchesPerPartition);
        Assert.Equal(20_000, runtime.MaxInFlightMessages);
        Assert.Equal(TimeSpan.FromSeconds(1), runtime.CommitInterval);
        Assert.True(string.IsNullOrEmpty(kafka.BootstrapServers));
        Assert.Equal("reco", kafka.ConsumerGroup);
        Assert.Equal(TimeSpan.FromMilliseconds(5), kafka.FetchWaitMax);
    }

    [Theory]
    [InlineData("Runtime:MaxBatchSise", "3", "Runtime:MaxBatchSise is not a setting")]
    [InlineData("Kafka:BootstrapServer", "x:1", "Kafka:BootstrapServer is not a setting")]
    [InlineData("Runtime:MaxBatchesPerPartition", "0", "Runtime:MaxBatchesPerPartition must be between 1 and 64")]
    [InlineData("Runtime:MaxInFlightMessages", "0", "Runtime:MaxInFlightMessages must be between 1 and 10000000")]
    [InlineData("Runtime:ShutdownTimeout", "00:11:00", "Runtime:ShutdownTimeout must be between 00:00:00 and 00:04:00")]
    [InlineData("Runtime:MaxBatchSize", "0", "Runtime:MaxBatchSize must be between 1 and 10000.")]
    [InlineData("Kafka:ConsumerGroup", "", "Kafka:ConsumerGroup is required.")]
    [InlineData("Kafka:SessionTimeout", "00:00:00.100", "Kafka:SessionTimeout must be between 00:00:01 and 00:05:00")]
    [InlineData("Kafka:SecurityProtocol", "tls", "Kafka:SecurityProtocol must be plaintext, ssl, sasl_plaintext or sasl_ssl.")]
    [InlineData("Kafka:EmbeddedPartitions", "0", "Kafka:EmbeddedPartitions must be between 1 and 256.")]
    [InlineData("Changelog:SnapshotAfterBytes", "1000", "Changelog:SnapshotAfterBytes must be between 65536 and 1073741824")]
    [InlineData("Changelog:RestoreTimeout", "00:00:00", "Changelog:RestoreTimeout must be between 00:00:01 and 00:30:00")]
    [InlineData("Changelog:SnapshotBytes", "70000", "Changelog:SnapshotBytes is not a setting")]
    public void AddRecoRuntime_BadSetting_FailsAtStartNamingTheKey(string key, string value, string expected)
    {
        var exception = Assert.Throws<RecoStartupException>(() => Build(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(exception.Problems, problem => problem.Contains(expected, StringComparison.Ordinal));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"))
            .AddInMemoryCollection(settings)
            .Build();
        return CommandServices.Build(configuration, static (services, config) => services.AddRecoRuntime(config));
    }
}
