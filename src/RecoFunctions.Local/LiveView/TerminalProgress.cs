using Spectre.Console;

namespace RecoFunctions.Local.LiveView;

/// <summary>Spectre.Console progress for commands that are not a pipeline: a bar with counts, or a spinner with the latest progress line.</summary>
internal static class TerminalProgress
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Shows a bar for <paramref name="work"/>, polling <paramref name="poll"/> (done so far and a line of detail) until it
    /// ends; <paramref name="total"/> null shows an indeterminate bar.
    /// </summary>
    public static Task<T> BarAsync<T>(IAnsiConsole terminal, string description, double? total, Func<(double Done, string Detail)> poll, Task<T> work) =>
        terminal.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(description, maxValue: total ?? 1);
                task.IsIndeterminate = total is null;
                do
                {
                    var (done, detail) = poll();
                    task.Description = $"{Markup.Escape(description)} [grey]{Markup.Escape(detail)}[/]";
                    if (total is not null)
                    {
                        task.Value = Math.Min(done, total.Value);
                    }

                    context.Refresh();
                }
                while (await Task.WhenAny(work, Task.Delay(PollInterval)).ConfigureAwait(false) != work);

                var (last, summary) = poll();
                task.Description = $"{Markup.Escape(description)} [grey]{Markup.Escape(summary)}[/]";
                task.Value = total is null ? 1 : Math.Min(last, total.Value);
                task.IsIndeterminate = false;
                task.StopTask();
                return await work.ConfigureAwait(false);
            });

    /// <summary>Runs <paramref name="work"/> under a spinner; the lines it writes to the given writer print above the spinner, the latest beside it.</summary>
    public static Task<T> SpinnerAsync<T>(IAnsiConsole terminal, string initial, Func<TextWriter, Task<T>> work) =>
        terminal.Status()
            .Spinner(Spinner.Known.Dots)
            .StartAsync(Markup.Escape(initial), async context =>
            {
                using var writer = new StatusWriter(terminal, context);
                return await work(writer).ConfigureAwait(false);
            });
}
