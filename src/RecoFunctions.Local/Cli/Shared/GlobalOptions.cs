using System.CommandLine;

namespace RecoFunctions.Local.Cli.Shared;

/// <summary>Options every command understands; they choose the configuration.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Environment { get; } = new("--environment", "-e")
    {
        Description = "Configuration environment: loads appsettings.{ENVIRONMENT}.json over appsettings.json " +
            "(default: $RECO_ENVIRONMENT, else $DOTNET_ENVIRONMENT, else Local).",
        HelpName = "ENVIRONMENT",
        Recursive = true,
    };

    public Option<FileInfo?> Config { get; } = new("--config")
    {
        Description = "An extra JSON configuration file, applied last (over appsettings and environment variables).",
        HelpName = "FILE",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Environment);
        root.Options.Add(Config);
    }
}
