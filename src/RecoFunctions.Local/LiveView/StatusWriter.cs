using System.Text;
using Spectre.Console;

namespace RecoFunctions.Local.LiveView;

/// <summary>
/// A writer for a command's progress lines while a Spectre.Console status spinner runs: each line is printed above
/// the spinner (through the console, so the spinner redraws below it), cut to the terminal's width, and becomes the
/// spinner's text.
/// </summary>
internal sealed class StatusWriter(IAnsiConsole terminal, StatusContext status) : TextWriter
{
    private readonly StringBuilder _line = new();
    private readonly Lock _writing = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_writing)
        {
            if (value == '\n')
            {
                Flush();
            }
            else if (value != '\r')
            {
                _line.Append(value);
            }
        }
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? string.Empty)
        {
            Write(c);
        }
    }

    public override void WriteLine(string? value)
    {
        Write(value);
        Write('\n');
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    private static string Fit(string line, int width) => line.Length <= width ? line : line[..Math.Max(1, width - 1)] + "…";

    public override void Flush()
    {
        lock (_writing)
        {
            if (_line.Length == 0)
            {
                return;
            }

            var line = _line.ToString();
            _line.Clear();

            // A wrapped line would throw the spinner's redraw off by a row: one row per line, cut at the width.
            terminal.WriteLine(Fit(line, terminal.Profile.Width - 1));
            status.Status(Markup.Escape(Fit(line, Math.Min(100, terminal.Profile.Width - 4))));
            status.Refresh();
        }
    }
}
