using Microsoft.Extensions.Logging;
using RecoFunctions.Local.Cli.Shared;
using RecoFunctions.Runtime;

namespace RecoFunctions.Local.Cli.Run;

/// <summary>
/// Shows how a run is going: on a terminal, a compact block redrawn in place every second; otherwise one log line per
/// <c>Runtime:ReportInterval</c> with the same figures.
/// </summary>
internal sealed class RunReporter
{
    private static readonly TimeSpan LiveInterval = TimeSpan.FromSeconds(1);

    private readonly PipelineRuntime _runtime;
    private readonly RecoConsole _console;
    private readonly ILogger _logger;
    private readonly bool _live;
    private readonly TimeSpan _reportInterval;
    private readonly string _header;
    private readonly RecoConsoleLoggerProvider _log;
    private RuntimeSnapshot? _previous;
    private int _drawnLines;

    public RunReporter(PipelineRuntime runtime, RecoConsole console, RecoConsoleLoggerProvider log, ILogger logger, bool live, TimeSpan reportInterval, string header)
    {
        _runtime = runtime;
        _console = console;
        _log = log;
        _logger = logger;
        _live = live;
        _reportInterval = reportInterval;
        _header = header;

        // A log line scrolls the screen under the frame: the next frame starts afresh below it.
        log.LineWritten += () => _drawnLines = 0;
    }

    public async Task RunAsync(CancellationToken stop)
    {
        _previous = _runtime.Snapshot();
        using var timer = new PeriodicTimer(_live ? LiveInterval : _reportInterval, TimeProvider.System);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                Report();
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    /// <summary>One last frame (live view only), so that the block shows the final figures above the summary.</summary>
    public void Finish()
    {
        if (_live)
        {
            Report();
        }
    }

    private void Report()
    {
        var current = _runtime.Snapshot();
        if (current.Elapsed == TimeSpan.Zero)
        {
            // Not consuming yet (still checking that Kafka answers).
            return;
        }

        var throughput = RunReport.Throughput(current, _previous ?? current);
        _previous = current;
        if (_live)
        {
            Draw(RunReport.LiveLines(_header, current, throughput));
            return;
        }

        CliLog.Progress(
            _logger,
            RunReport.Rate(throughput),
            current.Consumed,
            current.Delivered,
            current.Stale,
            current.DeadLettered,
            current.InFlight,
            current.Pending,
            current.Retries,
            RunReport.Lag(current),
            RunReport.Milliseconds(current.RecentLatency.P50),
            RunReport.Milliseconds(current.RecentLatency.P99),
            RunReport.DeadLetters(current),
            RunReport.Breakers(current),
            RunReport.Paused(current));
    }

    private void Draw(IReadOnlyList<string> lines)
    {
        var width = Width();
        var output = _console.Output;
        lock (_log.OutputLock)
        {
            if (_drawnLines > 0)
            {
                // Back to the first line of the previous frame, then overwrite it line by line.
                output.Write($"\u001b[{_drawnLines}A");
            }

            foreach (var line in lines)
            {
                output.Write("\r\u001b[2K");
                output.WriteLine(line.Length > width ? line[..width] : line);
            }

            output.Flush();
            _drawnLines = lines.Count;
        }
    }

    private static int Width()
    {
        try
        {
            // A wrapped line would break the redraw: keep every line within the terminal.
            return Math.Max(20, Console.WindowWidth - 1);
        }
        catch (IOException)
        {
            return 159;
        }
    }
}
