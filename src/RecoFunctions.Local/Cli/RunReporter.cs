using Microsoft.Extensions.Logging;
using RecoFunctions.Local.Runtime;

namespace RecoFunctions.Local.Cli;

/// <summary>
/// Shows how a run is going: on a terminal, a compact block redrawn in place every second; otherwise one log line per
/// <c>Runtime:ReportInterval</c> with the same figures.
/// </summary>
internal sealed class RunReporter(PipelineRuntime runtime, RecoConsole console, ILogger logger, bool live, TimeSpan reportInterval, string header)
{
    private static readonly TimeSpan LiveInterval = TimeSpan.FromSeconds(1);

    private RuntimeSnapshot? _previous;
    private int _drawnLines;

    public async Task RunAsync(CancellationToken stop)
    {
        _previous = runtime.Snapshot();
        using var timer = new PeriodicTimer(live ? LiveInterval : reportInterval, TimeProvider.System);
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
        if (live && _drawnLines > 0)
        {
            Report();
        }
    }

    private void Report()
    {
        var current = runtime.Snapshot();
        if (current.Elapsed == TimeSpan.Zero)
        {
            // Not consuming yet (still checking that Kafka answers).
            return;
        }

        var throughput = RunReport.Throughput(current, _previous ?? current);
        _previous = current;
        if (live)
        {
            Draw(RunReport.LiveLines(header, current, throughput));
            return;
        }

        CliLog.Progress(
            logger,
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
        var output = console.Output;
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
