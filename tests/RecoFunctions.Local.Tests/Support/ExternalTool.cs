using System.Diagnostics;

namespace RecoFunctions.Local.Tests.Support;

/// <summary>Runs a program of the machine's (tmux, chromium) to its end and returns its standard output.</summary>
internal static class ExternalTool
{
    /// <exception cref="InvalidOperationException">It exited with an error, unless <paramref name="mayFail"/>.</exception>
    /// <exception cref="TimeoutException">It was still running after <paramref name="hangLimit"/> (then it is killed).</exception>
    public static async Task<string> RunAsync(string executable, IEnumerable<string> arguments, TimeSpan hangLimit, bool mayFail = false)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(hangLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} did not finish within {hangLimit.TotalSeconds:0} s: {await error.ConfigureAwait(false)}");
        }

        return process.ExitCode == 0 || mayFail
            ? await output.ConfigureAwait(false)
            : throw new InvalidOperationException($"{executable} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {await error.ConfigureAwait(false)}");
    }
}
