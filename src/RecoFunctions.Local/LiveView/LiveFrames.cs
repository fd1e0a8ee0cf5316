using RecoFunctions.Local.Cli;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace RecoFunctions.Local.LiveView;

/// <summary>
/// Redraws a renderable in place once per interval with Spectre.Console's live display, until stopped. Log lines go to
/// standard error, past Spectre: after one, the current display ends (leaving its last frame) and a new one starts
/// below the line, so that no frame overwrites it. When stopped, the last frame shows the final figures.
/// </summary>
internal sealed class LiveFrames
{
    private readonly IAnsiConsole _terminal;
    private readonly RecoConsoleLoggerProvider _log;
    private readonly Func<IRenderable?> _frame;
    private volatile bool _lineWritten;

    public LiveFrames(IAnsiConsole terminal, RecoConsoleLoggerProvider log, Func<IRenderable?> frame)
    {
        _terminal = terminal;
        _log = log;
        _frame = frame;
        log.LineWritten += () => _lineWritten = true;
    }

    public async Task RunAsync(TimeSpan interval, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval, TimeProvider.System);
        while (!stop.IsCancellationRequested)
        {
            if (await NextFrameAsync(stop).ConfigureAwait(false) is not { } first)
            {
                return;
            }

            _lineWritten = false;
            var display = _terminal.Live(first);
            display.AutoClear = false;
            display.Overflow = VerticalOverflow.Ellipsis;
            await display.StartAsync(async context =>
            {
                while (!_lineWritten && await Tick(timer, stop).ConfigureAwait(false))
                {
                    Draw(context);
                }

                if (stop.IsCancellationRequested)
                {
                    // The final figures, in place of the last frame.
                    Draw(context);
                }
            }).ConfigureAwait(false);
        }

        async Task<IRenderable?> NextFrameAsync(CancellationToken token)
        {
            while (true)
            {
                if (_frame() is { } frame)
                {
                    return frame;
                }

                if (!await Tick(timer, token).ConfigureAwait(false))
                {
                    return null;
                }
            }
        }
    }

    private void Draw(LiveDisplayContext context)
    {
        if (_frame() is { } next)
        {
            lock (_log.OutputLock)
            {
                context.UpdateTarget(next);
                context.Refresh();
            }
        }
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
