using System.Text;

namespace RecoFunctions.Local.Cli.Shared;

/// <summary>
/// The process surroundings a command may use: standard streams, environment variables and the directory holding the
/// configuration files. Commands take it instead of <see cref="Console"/>, so tests run them in-process.
/// </summary>
internal sealed class RecoConsole
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Func<string, string?> _getEnvironmentVariable;
    private TextWriter? _output;

    public RecoConsole(
        Stream input,
        Stream output,
        TextWriter error,
        string baseDirectory,
        IReadOnlyDictionary<string, string>? environmentVariables = null)
    {
        Input = input;
        OutputStream = output;
        Error = error;
        BaseDirectory = baseDirectory;
        EnvironmentVariables = environmentVariables;
        _getEnvironmentVariable = environmentVariables is null
            ? Environment.GetEnvironmentVariable
            : name => environmentVariables.GetValueOrDefault(name);
    }

    public Stream Input { get; }

    /// <summary>Standard output as bytes, for machine-readable output (JSON Lines).</summary>
    public Stream OutputStream { get; }

    /// <summary>Standard output as text (help, human-readable output).</summary>
    public TextWriter Output => _output ??= new StreamWriter(OutputStream, Utf8NoBom, bufferSize: 4096, leaveOpen: true) { AutoFlush = true };

    public TextWriter Error { get; }

    /// <summary>Where appsettings.json and appsettings.{environment}.json are looked for.</summary>
    public string BaseDirectory { get; }

    /// <summary>The variables configuration reads; null means the process environment.</summary>
    public IReadOnlyDictionary<string, string>? EnvironmentVariables { get; }

    /// <summary>Standard output is a terminal (not redirected): commands may draw live views with cursor movement.</summary>
    public bool IsTerminal { get; init; }

    public static RecoConsole FromProcess() =>
        new(Console.OpenStandardInput(), Console.OpenStandardOutput(), Console.Error, AppContext.BaseDirectory)
        {
            IsTerminal = !Console.IsOutputRedirected,
        };

    public string? GetEnvironmentVariable(string name) => _getEnvironmentVariable(name);
}
