using System.Text.Json.Nodes;

namespace RecoFunctions.Functions.Tests.Hosting;

/// <summary>host.json's extension sections hold only real settings of the extension versions the app is built with.</summary>
public sealed class HostJsonTests
{
    [Fact]
    public void KafkaSection_EveryKeyIsAKafkaOptionsSetting()
    {
        Assert.Empty(HostJsonKeys.Unknown(HostJsonKeys.Section("extensions.kafka"), KafkaOptionsSettings.Names));
    }

    [Fact]
    public void KafkaSection_FailedBatchesAreRetriedNotCommitted()
    {
        var kafka = HostJsonKeys.Section("extensions.kafka");

        Assert.False((bool?)kafka["commitOnFailure"]);
        Assert.Equal(-1, (int?)kafka["maxRetries"]);
    }

    [Fact]
    public void DurableTaskSection_EveryKeyIsADurableTaskOptionsSetting()
    {
        using var settings = new DurableTaskOptionsSettings();

        var unknown = HostJsonKeys.Unknown(HostJsonKeys.Section("extensions.durableTask"), settings.Options);

        Assert.True(unknown.Count == 0, $"Not settings of DurableTaskOptions {settings.ExtensionVersion}: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void Unknown_MisspelledKafkaKey_Reported()
    {
        var section = new JsonObject { ["maxBatchSize"] = 256, ["commitOnFailur"] = false };

        Assert.Equal(["commitOnFailur"], HostJsonKeys.Unknown(section, KafkaOptionsSettings.Names));
    }

    [Fact]
    public void Unknown_MisspelledOrMisplacedDurableKeys_ReportedWithTheirPath()
    {
        using var settings = new DurableTaskOptionsSettings();
        var section = new JsonObject
        {
            ["HUBNAME"] = "x",
            ["maxConcurrentActivities"] = 4,
            ["tracing"] = new JsonObject { ["traceInputsAndOutputs"] = false, ["maxBatchSize"] = 1 },
            ["storageProvider"] = new JsonObject { ["type"] = "azureManaged", ["anything"] = 1 },
        };

        Assert.Equal(["maxConcurrentActivities", "tracing.maxBatchSize"], HostJsonKeys.Unknown(section, settings.Options));
    }
}
