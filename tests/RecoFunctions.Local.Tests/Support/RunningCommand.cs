using RecoFunctions.Local.Cli.Shared;

namespace RecoFunctions.Local.Tests.Support;

/// <summary>A <c>reco</c> command that runs until stopped (as Ctrl+C would), in-process, with its output watched.</summary>
internal sealed class RunningCommand : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _error = new();
    private readonly Task<int> _run;

    private RunningCommand(string[] args, Dictionary<string, string>? environment = null)
    {
        var console = new RecoConsole(Stream.Null, Output, TextWriter.Synchronized(_error), AppContext.BaseDirectory, environment ?? []);
        _run = Task.Run(() => RecoCommandLine.InvokeAsync(args, console, _stop.Token));
    }

    public WatchedStream Output { get; } = new();

    public string Error => _error.ToString();

    public static RunningCommand Start(params string[] args) => new(args);

    public static RunningCommand StartWith(Dictionary<string, string> environment, params string[] args) => new(args, environment);

    /// <summary>Waits for a line of standard output, failing early if the command ends first.</summary>
    public async Task<string> LineStartingWithAsync(string prefix)
    {
        var line = Output.LineStartingWithAsync(prefix);
        var first = await Task.WhenAny(line, _run);
        if (first == _run)
        {
            throw new InvalidOperationException($"the command ended with {await _run} before printing '{prefix}': {Error}");
        }

        return await line;
    }

    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await _run.WaitAsync(TimeSpan.FromSeconds(20));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_run.IsCompleted)
        {
            await StopAsync();
        }

        _stop.Dispose();
        await _error.DisposeAsync();
    }
}
