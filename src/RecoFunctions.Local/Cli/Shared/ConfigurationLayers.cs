using Microsoft.Extensions.Configuration;

namespace RecoFunctions.Local.Cli.Shared;

/// <summary>Command-line options and started services override the configuration files: they are layered on top.</summary>
internal static class ConfigurationLayers
{
    public static IConfigurationRoot Over(IConfiguration configuration, IReadOnlyDictionary<string, string?> overrides) =>
        new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(overrides).Build();
}
