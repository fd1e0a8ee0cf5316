using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RecoFunctions.Functions.Tests.Infrastructure;

namespace RecoFunctions.Functions.Tests.Hosting;

/// <summary>host.json's extension sections hold only real settings of the extension versions the app is built with.</summary>
public sealed partial class HostJsonTests
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

    /// <summary>The app settings the Bicep sets as host.json overrides (<c>AzureFunctionsJobHost__extensions__…</c>) are real settings too.</summary>
    [Fact]
    public void InfrastructureOverrides_EveryKeyIsASettingOfItsExtension()
    {
        using var settings = new DurableTaskOptionsSettings();
        var overrides = HostOverride().Matches(File.ReadAllText(Repository.File("infra/modules/functionapp.bicep")))
            .Select(match => (Extension: match.Groups["extension"].Value, Path: match.Groups["path"].Value.Split("__")))
            .ToList();

        Assert.Contains(overrides, entry => entry.Extension == "kafka");
        Assert.Contains(overrides, entry => entry.Extension == "durableTask");
        var unknown = overrides.SelectMany(entry => entry.Extension == "kafka"
            ? HostJsonKeys.Unknown(Nested(entry.Path), KafkaOptionsSettings.Names)
            : HostJsonKeys.Unknown(Nested(entry.Path), settings.Options));
        Assert.Empty(unknown);
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

    private static JsonObject Nested(IReadOnlyList<string> path)
    {
        JsonNode value = "value";
        for (var index = path.Count - 1; index >= 0; index--)
        {
            value = new JsonObject { [path[index]] = value };
        }

        return (JsonObject)value;
    }

    [GeneratedRegex(@"AzureFunctionsJobHost__extensions__(?<extension>[A-Za-z]+)__(?<path>[A-Za-z_]+?)\s*:")]
    private static partial Regex HostOverride();
}
