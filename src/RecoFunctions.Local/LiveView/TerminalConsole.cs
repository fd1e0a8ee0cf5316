using RecoFunctions.Local.Cli;
using Spectre.Console;
using RecoFunctions.Local.Cli.Shared;

namespace RecoFunctions.Local.LiveView;

/// <summary>
/// A Spectre.Console console over the command's standard output, for live views on a terminal. ANSI is on whatever
/// <c>TERM</c> says: the command already knows its output is a terminal, and without <c>TERM</c> (a bare
/// <c>docker exec</c>, some CI shells) detection would turn the live view into a scroll of frames.
/// </summary>
internal static class TerminalConsole
{
    private const int FallbackWidth = 160;
    private const int FallbackHeight = 50;

    public static IAnsiConsole Create(RecoConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Standard,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(console.Output),
        });
        terminal.Profile.Width = Size(() => Console.WindowWidth, console.GetEnvironmentVariable("COLUMNS"), FallbackWidth);
        terminal.Profile.Height = Size(() => Console.WindowHeight, console.GetEnvironmentVariable("LINES"), FallbackHeight);
        return terminal;
    }

    /// <summary>The terminal's size where it answers (not when TERM is unset or the console is not the process's), else the variable, else a default.</summary>
    private static int Size(Func<int> measure, string? variable, int fallback)
    {
        try
        {
            var measured = measure();
            if (measured > 0)
            {
                return measured;
            }
        }
        catch (IOException)
        {
            // No terminal behind the process's console.
        }

        return int.TryParse(variable, System.Globalization.CultureInfo.InvariantCulture, out var size) && size > 0 ? size : fallback;
    }
}
