using Microsoft.Extensions.Configuration;

namespace RecoFunctions.Core.Configuration;

/// <summary>
/// The settings files both hosts read, in one order: <c>appsettings.json</c>, then <c>appsettings.{environment}.json</c>
/// when the directory has it (the name compared without case, as on Windows). Environment variables and host-specific
/// layers go on top, added by each host.
/// </summary>
public static class RecoSettingsFiles
{
    /// <summary>The setting (or environment variable) that names the environment, over the host's own.</summary>
    public const string EnvironmentSetting = "RECO_ENVIRONMENT";

    public const string BaseFileName = "appsettings.json";

    /// <summary>Adds the base file (required) and the environment's file if there is one; returns that file's path, or null.</summary>
    public static string? AddRecoSettingsFiles(this IConfigurationBuilder builder, string directory, string? environment)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        builder.AddJsonFile(Path.Combine(directory, BaseFileName), optional: false, reloadOnChange: false);
        var environmentFile = string.IsNullOrWhiteSpace(environment) ? null : EnvironmentFile(directory, environment);
        if (environmentFile is not null)
        {
            builder.AddJsonFile(environmentFile, optional: false, reloadOnChange: false);
        }

        return environmentFile;
    }

    /// <summary>The path of <c>appsettings.{environment}.json</c> in <paramref name="directory"/>, or null.</summary>
    public static string? EnvironmentFile(string directory, string environment)
    {
        var wanted = $"appsettings.{environment}.json";
        return Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "appsettings.*.json")
                .FirstOrDefault(path => string.Equals(Path.GetFileName(path), wanted, StringComparison.OrdinalIgnoreCase))
            : null;
    }

    /// <summary>The environments <paramref name="directory"/> has a file for, for error messages.</summary>
    public static IEnumerable<string> KnownEnvironments(string directory) =>
        Directory.EnumerateFiles(directory, "appsettings.*.json")
            .Select(path => Path.GetFileName(path)["appsettings.".Length..^".json".Length])
            .Order(StringComparer.Ordinal);
}
