using Microsoft.Extensions.Configuration;
using RecoFunctions.Core.Configuration;
using RecoFunctions.Runtime.Hosting;

namespace RecoFunctions.Local.Cli.Shared;

/// <summary>
/// The configuration of a <c>reco</c> command, in order of precedence from low to high: appsettings.json,
/// appsettings.{environment}.json (both next to the executable), environment variables (<c>Pipeline__MaxJsonDepth</c>),
/// and the file given with <c>--config</c>.
/// </summary>
internal static class RecoConfiguration
{
    public const string DefaultEnvironment = "Local";

    public static string ResolveEnvironment(string? option, RecoConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        return NonEmpty(option)
            ?? NonEmpty(console.GetEnvironmentVariable(RecoSettingsFiles.EnvironmentSetting))
            ?? NonEmpty(console.GetEnvironmentVariable("DOTNET_ENVIRONMENT"))
            ?? DefaultEnvironment;
    }

    /// <exception cref="RecoStartupException">A file is missing or is not valid JSON.</exception>
    public static IConfigurationRoot Build(RecoConsole console, string? environmentOption, FileInfo? configFile)
    {
        ArgumentNullException.ThrowIfNull(console);
        var basePath = Path.Combine(console.BaseDirectory, RecoSettingsFiles.BaseFileName);
        if (!File.Exists(basePath))
        {
            throw new RecoStartupException($"Configuration file {basePath} is missing.");
        }

        IConfigurationBuilder builder = new ConfigurationBuilder();
        var environment = ResolveEnvironment(environmentOption, console);
        if (builder.AddRecoSettingsFiles(console.BaseDirectory, environment) is null && NonEmpty(environmentOption) is not null)
        {
            // Asked for by name: a typo must not silently fall back to the base settings.
            throw new RecoStartupException($"--environment {environment}: there is no appsettings.{environment}.json in {console.BaseDirectory} " +
                $"(environments there: {string.Join(", ", RecoSettingsFiles.KnownEnvironments(console.BaseDirectory))}).");
        }

        AddEnvironmentVariables(builder, console);
        if (configFile is not null)
        {
            if (!configFile.Exists)
            {
                throw new RecoStartupException($"--config {configFile.FullName}: the file does not exist.");
            }

            builder.AddJsonFile(configFile.FullName, optional: false, reloadOnChange: false);
        }

        try
        {
            return builder.Build();
        }
        catch (InvalidDataException exception)
        {
            throw new RecoStartupException($"{exception.Message} {exception.InnerException?.Message}".Trim());
        }
    }

    private static void AddEnvironmentVariables(IConfigurationBuilder builder, RecoConsole console)
    {
        if (console.EnvironmentVariables is null)
        {
            builder.AddEnvironmentVariables();
            return;
        }

        // Same key mapping as the environment variable provider: "__" separates sections.
        builder.AddInMemoryCollection(console.EnvironmentVariables.Select(variable =>
            KeyValuePair.Create(variable.Key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), (string?)variable.Value)));
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
