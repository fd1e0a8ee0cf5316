using System.Text;
using System.Text.Json;
using RecoFunctions.Local.Cli.Shared;

namespace RecoFunctions.Local.Tests.Cli;

/// <summary>Runs <c>reco</c> in-process with captured standard streams and a controlled environment.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static Task<CliRun> InvokeAsync(
        string[] args,
        byte[]? input = null,
        IReadOnlyDictionary<string, string>? environment = null,
        string? baseDirectory = null) => InvokeAsync(args, input, environment, baseDirectory, CancellationToken.None);

    /// <summary>As above; <paramref name="cancellationToken"/> plays Ctrl+C for long-running commands.</summary>
    public static Task<CliRun> InvokeAsync(
        string[] args,
        byte[]? input,
        IReadOnlyDictionary<string, string>? environment,
        string? baseDirectory,
        CancellationToken cancellationToken) => InvokeAsync(args, input, environment, baseDirectory, terminal: false, cancellationToken);

    /// <summary>As above; <paramref name="terminal"/> makes standard output look like a terminal (live views).</summary>
    public static async Task<CliRun> InvokeAsync(
        string[] args,
        byte[]? input,
        IReadOnlyDictionary<string, string>? environment,
        string? baseDirectory,
        bool terminal,
        CancellationToken cancellationToken)
    {
        using var stdin = new MemoryStream(input ?? []);
        using var stdout = new MemoryStream();
        using var stderrBuffer = new StringWriter();

        // Commands write to standard error from several threads (logging, signals), as a process's stderr allows.
        var stderr = TextWriter.Synchronized(stderrBuffer);

        // An empty environment by default: variables of the machine running the tests must not change their outcome.
        var console = new RecoConsole(stdin, stdout, stderr, baseDirectory ?? AppContext.BaseDirectory, environment ?? new Dictionary<string, string>())
        {
            IsTerminal = terminal,
        };

        var exitCode = await RecoCommandLine.InvokeAsync(args, console, cancellationToken);

        return new CliRun(exitCode, Encoding.UTF8.GetString(stdout.ToArray()), stderrBuffer.ToString());
    }

    /// <summary>The verdict lines of <c>reco validate</c> in a comparable form: <c>1 valid</c>, <c>2 invalid: $ empty | $.a type</c>.</summary>
    public IReadOnlyList<string> Verdicts() =>
        [.. Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ParseVerdict)];

    public static string Verdict(long line, params IEnumerable<string> violations) =>
        violations.Any() ? $"{line} invalid: {string.Join(" | ", violations)}" : $"{line} valid";

    private static string ParseVerdict(string line)
    {
        using var verdict = JsonDocument.Parse(line);
        var root = verdict.RootElement;
        var violations = root.GetProperty("violations").EnumerateArray()
            .Select(v => $"{v.GetProperty("path").GetString()} {v.GetProperty("rule").GetString()}")
            .ToArray();
        var formatted = Verdict(root.GetProperty("line").GetInt64(), violations);
        if (root.GetProperty("valid").GetBoolean() != (violations.Length == 0))
        {
            throw new InvalidDataException($"Incoherent verdict: {line}");
        }

        return formatted;
    }
}
