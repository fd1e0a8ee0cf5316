using Microsoft.Extensions.Configuration;
using RecoFunctions.Local.Cli;
using RecoFunctions.Local.LiveView;
using RecoFunctions.Local.Cli.Shared;

namespace RecoFunctions.Local.Bench.Report;

/// <summary><c>reco bench</c> on a terminal: a Spectre.Console spinner naming the phase running, its progress and log lines printed above it.</summary>
internal static class BenchProgress
{
    public static Task<BenchReport> RunUnderSpinnerAsync(RecoConsole console, IConfiguration configuration, BenchSettings settings, CancellationToken cancellationToken) =>
        TerminalProgress.SpinnerAsync(TerminalConsole.Create(console), "reco bench: starting", progress =>
            BenchRunner.RunAsync(configuration, settings, progress, new RecoConsoleLoggerProvider(progress, TimeProvider.System), cancellationToken));
}
