namespace RecoFunctions.Local.Cli.Shared;

/// <summary>Writes a command's start-up problems, one per line, prefixed with the command's name.</summary>
internal static class CommandFailure
{
    public static async Task<int> ReportAsync(RecoConsole console, string command, IEnumerable<string> problems, int exitCode = ExitCodes.Usage)
    {
        foreach (var problem in problems)
        {
            await console.Error.WriteLineAsync($"reco {command}: {problem}").ConfigureAwait(false);
        }

        return exitCode;
    }
}
