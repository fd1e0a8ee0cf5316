using System.CommandLine;
using System.CommandLine.Invocation;
using RecoFunctions.Local.Cli.Audit;
using RecoFunctions.Local.Cli.Bench;
using RecoFunctions.Local.Cli.Broker;
using RecoFunctions.Local.Cli.Demo;
using RecoFunctions.Local.Cli.Drill;
using RecoFunctions.Local.Cli.Produce;
using RecoFunctions.Local.Cli.Replay;
using RecoFunctions.Local.Cli.Run;
using RecoFunctions.Local.Cli.Sandbox;
using RecoFunctions.Local.Cli.Validate;
using RecoFunctions.Runtime.Kafka;

namespace RecoFunctions.Local.Cli.Shared;

/// <summary>
/// The <c>reco</c> command tree. Each command lives in its own file and is added here with one line; parse errors
/// and unexpected failures are turned into exit codes here, once for all commands.
/// </summary>
internal static class RecoCommandLine
{
    public static RootCommand Create(RecoConsole console)
    {
        var global = new GlobalOptions();
        var root = new RootCommand(
            "reco: the RecoFunctions pipeline on your machine. Keeps a recommendation system in step with the content " +
            "and campaign Kafka flows. Configuration comes from appsettings.json next to this program, " +
            "appsettings.{ENVIRONMENT}.json, environment variables (e.g. Pipeline__MaxPayloadBytes=2097152) and --config FILE.");
        global.AddTo(root);

        root.Subcommands.Add(ValidateCommand.Create(global, console));
        root.Subcommands.Add(ProduceCommand.Create(global, console));
        root.Subcommands.Add(SandboxCommand.Create(console));
        root.Subcommands.Add(AuditCommand.Create(global, console));
        root.Subcommands.Add(RunCommand.Create(global, console));
        root.Subcommands.Add(BrokerCommand.Create(global, console));
        root.Subcommands.Add(ReplayCommand.Create(global, console));
        root.Subcommands.Add(DemoCommand.Create(global, console));
        root.Subcommands.Add(BenchCommand.Create(global, console));
        root.Subcommands.Add(DrillCommand.Create(console));
        return root;
    }

    public static async Task<int> InvokeAsync(string[] args, RecoConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var parseResult = Create(console).Parse(args);
        if (parseResult.Action is ParseErrorAction)
        {
            foreach (var error in parseResult.Errors)
            {
                await console.Error.WriteLineAsync($"reco: {error.Message}").ConfigureAwait(false);
            }

            await console.Error.WriteLineAsync("Run 'reco --help' (or 'reco COMMAND --help') for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = console.Output,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
        };
        if (parseResult.CommandResult.Command is LongRunningCommand)
        {
            // These stop gracefully on Ctrl+C themselves (ShutdownSignals), however long the drain takes.
            invocation.ProcessTerminationTimeout = null;
        }
        try
        {
            return await parseResult.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await console.Error.WriteLineAsync("reco: cancelled").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (RecordsDroppedException exception)
        {
            await console.Error.WriteLineAsync($"reco: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.RecordsDropped;
        }
        catch (Exception exception)
        {
            await console.Error.WriteLineAsync($"reco: unexpected failure: {exception}").ConfigureAwait(false);
            return ExitCodes.InternalError;
        }
    }
}
