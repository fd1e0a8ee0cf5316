using Microsoft.Extensions.Configuration;

namespace RecoFunctions.Functions.Hosting;

/// <summary>
/// The pipeline's configuration files, copied next to the app under <c>config/</c>: <c>appsettings.json</c>, then
/// <c>appsettings.{environment}.json</c> where the environment is the <c>RECO_ENVIRONMENT</c> setting (Local, Qal,
/// Production) or else the host's environment name. Environment variables (app settings in Azure, local.settings.json
/// Values locally) are added again afterwards so that they override the files.
/// </summary>
public static class RecoConfiguration
{
    public const string EnvironmentSetting = "RECO_ENVIRONMENT";

    public static void AddRecoConfigurationFiles(this IConfigurationManager configuration, string hostEnvironmentName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var environment = configuration[EnvironmentSetting] is { Length: > 0 } configured ? configured : hostEnvironmentName;
        var directory = Path.Combine(AppContext.BaseDirectory, "config");
        configuration.AddJsonFile(Path.Combine(directory, "appsettings.json"), optional: false, reloadOnChange: false);
        if (!string.IsNullOrWhiteSpace(environment))
        {
            configuration.AddJsonFile(Path.Combine(directory, $"appsettings.{environment}.json"), optional: true, reloadOnChange: false);
        }

        configuration.AddEnvironmentVariables();
    }
}
