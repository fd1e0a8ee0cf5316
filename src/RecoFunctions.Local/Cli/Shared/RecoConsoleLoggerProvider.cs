using Microsoft.Extensions.Logging;

namespace RecoFunctions.Local.Cli.Shared;

/// <summary>
/// Writes log lines to the command's standard error (<see cref="RecoConsole.Error"/>), so that standard output keeps
/// the command's own output and tests capture both. Levels are filtered by the <c>Logging</c> section.
/// </summary>
internal sealed class RecoConsoleLoggerProvider(TextWriter error, TimeProvider timeProvider) : ILoggerProvider
{
    /// <summary>Held while a line is written; a live view draws under it too, so that the two never interleave.</summary>
    public Lock OutputLock { get; } = new();

    /// <summary>
    /// Set while a live view owns the terminal: lines go to it instead (under <see cref="OutputLock"/>), and it prints them
    /// above its frame, so that no line is drawn over.
    /// </summary>
    public Action<string>? LineSink { get; set; }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    public void Dispose()
    {
    }

    private string Now() => timeProvider.GetLocalNow().ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A line of the command's own on standard error, kept apart from a live view like a log line.</summary>
    public void WriteLine(string line) => Write(line);

    private void Write(string line)
    {
        lock (OutputLock)
        {
            if (LineSink is { } sink)
            {
                sink(line);
            }
            else
            {
                error.WriteLine(line);
            }
        }
    }

    private sealed class Logger(RecoConsoleLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var line = $"{provider.Now()} {Label(logLevel)} {category}[{eventId.Id}] {formatter(state, exception)}";
            provider.Write(exception is null ? line : $"{line}{Environment.NewLine}{exception}");
        }

        private static string Label(LogLevel level) => level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };
    }
}
