using Microsoft.Extensions.Configuration;
using RecoFunctions.Core.Configuration;

namespace RecoFunctions.Functions.Hosting;

/// <summary>
/// The pipeline's configuration files, copied next to the app under <c>config/</c>, read by the loader the <c>reco</c>
/// commands use too (<see cref="RecoSettingsFiles"/>): <c>appsettings.json</c>, then <c>appsettings.{environment}.json</c>
/// where the environment is the <c>RECO_ENVIRONMENT</c> setting (Local, Qal, Production) or else the host's environment
/// name. Environment variables (app settings in Azure, local.settings.json Values locally) are added again afterwards
/// so that they override the files.
/// </summary>
public static class FunctionsConfiguration
{
    public const string EnvironmentSetting = RecoSettingsFiles.EnvironmentSetting;

    public static void AddRecoConfigurationFiles(this IConfigurationManager configuration, string hostEnvironmentName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var environment = configuration[EnvironmentSetting] is { Length: > 0 } configured ? configured : hostEnvironmentName;
        configuration.AddRecoSettingsFiles(Path.Combine(AppContext.BaseDirectory, "config"), environment);
        configuration.AddEnvironmentVariables();
    }
}
