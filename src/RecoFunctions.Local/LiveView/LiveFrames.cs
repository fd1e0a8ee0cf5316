using RecoFunctions.Local.Cli;
using Spectre.Console;
using Spectre.Console.Rendering;
using RecoFunctions.Local.Cli.Shared;

namespace RecoFunctions.Local.LiveView;

/// <summary>
/// Redraws a renderable in place once per interval with Spectre.Console's live display, until stopped; then the last
/// frame shows the final figures. While it runs, log lines go through the same console, which prints them above the
/// frame: a line written past it would shift the frame's redraw.
/// </summary>
internal sealed class LiveFrames(IAnsiConsole terminal, RecoConsoleLoggerProvider log, Func<IRenderable?> frame)
{
    public async Task RunAsync(TimeSpan interval, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval, TimeProvider.System);
        if (await FirstFrameAsync(timer, stop).ConfigureAwait(false) is not { } first)
        {
            return;
        }

        var display = terminal.Live(first);
        display.AutoClear = false;
        display.Overflow = VerticalOverflow.Ellipsis;
        lock (log.OutputLock)
        {
            // Padded: the line lands where the frame's first row was, and Spectre does not clear what it does not cover.
            log.LineSink = line => terminal.WriteLine(line.PadRight(terminal.Profile.Width - 1));
        }

        try
        {
            await display.StartAsync(async context =>
            {
                while (await Tick(timer, stop).ConfigureAwait(false))
                {
                    Draw(context);
                }

                // The final figures, in place of the last frame.
                Draw(context);
            }).ConfigureAwait(false);
        }
        finally
        {
            lock (log.OutputLock)
            {
                log.LineSink = null;
            }
        }
    }

    private async Task<IRenderable?> FirstFrameAsync(PeriodicTimer timer, CancellationToken stop)
    {
        while (true)
        {
            if (frame() is { } first)
            {
                return first;
            }

            if (!await Tick(timer, stop).ConfigureAwait(false))
            {
                return null;
            }
        }
    }

    private void Draw(LiveDisplayContext context)
    {
        if (frame() is { } next)
        {
            lock (log.OutputLock)
            {
                context.UpdateTarget(next);
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
