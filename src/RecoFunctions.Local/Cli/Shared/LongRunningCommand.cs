using System.CommandLine;

namespace RecoFunctions.Local.Cli.Shared;

/// <summary>
/// A command that runs until it is stopped and handles Ctrl+C and SIGTERM itself (<see cref="ShutdownSignals"/>):
/// the first signal asks for a graceful stop, which may take longer than the command line's own termination grace.
/// </summary>
internal sealed class LongRunningCommand(string name, string description) : Command(name, description);
