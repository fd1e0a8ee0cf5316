using System.CommandLine;
using RecoFunctions.Local.Cli.Shared;

namespace RecoFunctions.Local.Cli.Sandbox;

/// <summary><c>reco sandbox stats --url URL</c>: prints a running sandbox's stats.</summary>
internal static class SandboxStatsCommand
{
    public static Command Create(RecoConsole console)
    {
        var url = SandboxControl.UrlOption();
        var command = new Command("stats",
            "Print a running sandbox's GET /_sandbox/stats as JSON: deliveries received, applied, stale, rejected and applied twice, distinct keys, " +
            "end-to-end latency percentiles (receive time − producedAt) and calls per service and endpoint. Exit code: 0 printed, 1 the sandbox did not answer.")
        {
            url,
        };
        command.SetAction((parse, cancellationToken) =>
            SandboxControl.GetAsync(console, "sandbox stats", parse.GetRequiredValue(url), "_sandbox/stats", cancellationToken));
        return command;
    }
}
