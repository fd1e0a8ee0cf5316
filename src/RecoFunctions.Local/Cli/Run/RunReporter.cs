using Microsoft.Extensions.Logging;
using RecoFunctions.Local.LiveView;
using RecoFunctions.Runtime;
using RecoFunctions.Local.Cli.Shared;

namespace RecoFunctions.Local.Cli.Run;

/// <summary>
/// Shows how a run is going: on a terminal, a Spectre.Console live view redrawn in place every second; otherwise one
/// log line per <c>Runtime:ReportInterval</c> with the same figures.
/// </summary>
internal sealed class RunReporter
{
    private static readonly TimeSpan LiveInterval = TimeSpan.FromSeconds(1);

    private readonly PipelineRuntime _runtime;
    private readonly ILogger _logger;
    private readonly TimeSpan _reportInterval;
    private readonly string _header;
    private readonly LiveFrames? _live;
    private RuntimeSnapshot? _previous;

    public RunReporter(PipelineRuntime runtime, RecoConsole console, RecoConsoleLoggerProvider log, ILogger logger, bool live, TimeSpan reportInterval, string header)
    {
        _runtime = runtime;
        _logger = logger;
        _reportInterval = reportInterval;
        _header = header;
        _live = live ? new LiveFrames(TerminalConsole.Create(console), log, Frame) : null;
    }

    public async Task RunAsync(CancellationToken stop)
    {
        _previous = _runtime.Snapshot();
        if (_live is not null)
        {
            await _live.RunAsync(LiveInterval, stop).ConfigureAwait(false);
            return;
        }

        using var timer = new PeriodicTimer(_reportInterval, TimeProvider.System);
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

    /// <summary>Nothing left to do: the live view drew its final frame when it stopped, and the plain lines need none.</summary>
    public void Finish()
    {
    }

    /// <summary>The live view's next frame; null while not consuming yet (still checking that Kafka answers).</summary>
    private Spectre.Console.Rendering.IRenderable? Frame()
    {
        var current = _runtime.Snapshot();
        if (current.Elapsed == TimeSpan.Zero)
        {
            return null;
        }

        var throughput = RunReport.Throughput(current, _previous ?? current);
        _previous = current;
        return RuntimePanel.Render(_header, current, throughput);
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
}
