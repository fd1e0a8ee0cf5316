using System.Diagnostics;
using System.Globalization;

namespace RecoFunctions.Local.Drills;

/// <summary>
/// A <c>reco</c> subcommand running as its own OS process (<c>dotnet reco.dll ARGS</c>), with its output lines kept,
/// signals to send, its processor time and bounded waits. Disposing kills the whole process tree if it still runs, so nothing outlives its owner.
/// </summary>
internal sealed class RecoProcess : IAsyncDisposable
{
    private const int KeptErrorLines = 5000;
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly LinkedList<string> _error = new();
    private readonly Lock _gate = new();
    private bool _disposed;

    private RecoProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Processor time the process has used so far (user and system, from <c>/proc/PID/stat</c> on Linux); null once it has ended.</summary>
    public TimeSpan? ProcessorTime
    {
        get
        {
            try
            {
                _process.Refresh();
                return _process.HasExited ? null : _process.TotalProcessorTime;
            }
            catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
            {
                return null;
            }
        }
    }

    /// <summary>Where <c>reco.dll</c> is: next to this assembly (also in a test project's output, which references Local).</summary>
    public static string DefaultRecoDll => typeof(RecoProcess).Assembly.Location;

    /// <param name="recoDll">The <c>reco.dll</c> to run.</param>
    /// <param name="args">The subcommand and its arguments.</param>
    /// <param name="environment">Variables set for the process (configuration overrides).</param>
    /// <param name="interrupt">How the process starts out with SIGINT: as this process has it, ignored or at its default.</param>
    public static RecoProcess Start(
        string recoDll, IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment = null, InterruptDisposition interrupt = InterruptDisposition.Inherited)
    {
        ArgumentNullException.ThrowIfNull(args);
        var info = new ProcessStartInfo(interrupt == InterruptDisposition.Inherited ? DotnetHost() : "env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(recoDll)!,
        };
        if (interrupt != InterruptDisposition.Inherited)
        {
            // env (coreutils) sets SIGINT's disposition and replaces itself with dotnet: same process id, environment intact
            // (a shell would drop the variables whose names hold a '-', such as Services__content-api__BaseUrl).
            info.ArgumentList.Add(interrupt == InterruptDisposition.Ignored ? "--ignore-signal=INT" : "--default-signal=INT");
            info.ArgumentList.Add(DotnetHost());
        }

        info.ArgumentList.Add(recoDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var started = new RecoProcess(process, args.Count > 0 ? args[0] : "reco");
        process.OutputDataReceived += (_, e) => started.Keep(e.Data, error: false);
        process.ErrorDataReceived += (_, e) => started.Keep(e.Data, error: true);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    public IReadOnlyList<string> OutputLines()
    {
        lock (_gate)
        {
            return [.. _output];
        }
    }

    public IReadOnlyList<string> ErrorLines()
    {
        lock (_gate)
        {
            return [.. _error];
        }
    }

    /// <summary>The last lines of standard error, for messages.</summary>
    public string ErrorTail()
    {
        lock (_gate)
        {
            return string.Join('\n', _error.TakeLast(20));
        }
    }

    /// <summary>The rest of the first output line starting with <paramref name="prefix"/>; fails if the process ends first or the time is up.</summary>
    public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var line = OutputLines().FirstOrDefault(candidate => candidate.StartsWith(prefix, StringComparison.Ordinal));
            if (line is not null)
            {
                return line[prefix.Length..].Trim();
            }

            if (_process.HasExited)
            {
                throw new DrillException($"{Name} ended with {_process.ExitCode} before printing '{prefix}': {ErrorTail()}");
            }

            if (deadline.Elapsed > timeout)
            {
                throw new DrillException($"{Name} printed no '{prefix}' within {timeout.TotalSeconds:0} s: {ErrorTail()}");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// SIGTERM, what service managers and container platforms send: the process stops gracefully (drains, commits).
    /// Unlike SIGINT it reaches the process however it was started (a background job's children ignore SIGINT).
    /// </summary>
    public Task TerminateAsync() => SignalAsync(PosixSignal.Terminate);

    /// <summary>SIGINT, what Ctrl+C sends: the process stops gracefully too, unless it was started with SIGINT ignored.</summary>
    public Task InterruptAsync() => SignalAsync(PosixSignal.Interrupt);

    /// <summary>Freezes the process (SIGSTOP) until <see cref="ContinueAsync"/>.</summary>
    public Task PauseAsync() => SignalAsync(PosixSignal.Stop);

    public Task ContinueAsync() => SignalAsync(PosixSignal.Continue);

    /// <summary>SIGKILL, no chance to clean up: what a crash looks like.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <returns>The exit code; throws when the process has not ended within <paramref name="timeout"/>.</returns>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        try
        {
            await _process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new DrillException($"{Name} did not end within {timeout.TotalSeconds:0} s: {ErrorTail()}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            // A process frozen by a drill (SIGSTOP) is continued first, so that nothing is left stopped if the kill fails.
            await SignalAsync(PosixSignal.Continue).ConfigureAwait(false);
            Kill();
            try
            {
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Nothing more to do: SIGKILL was sent.
            }
        }

        _process.Dispose();
    }

    private Task SignalAsync(string signal)
    {
        if (!_process.HasExited)
        {
            PosixSignal.Send(_process.Id, signal);
        }

        return Task.CompletedTask;
    }

    private void Keep(string? line, bool error)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            if (!error)
            {
                _output.Add(line);
                return;
            }

            _error.AddLast(line);
            if (_error.Count > KeptErrorLines)
            {
                _error.RemoveFirst();
            }
        }
    }

    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
