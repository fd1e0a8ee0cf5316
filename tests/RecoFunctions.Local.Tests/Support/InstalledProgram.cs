using RecoFunctions.Testing;

namespace RecoFunctions.Local.Tests.Support;

/// <summary>
/// Whether a Debian program a test drives (tmux, chromium) is on this machine. Tests that need it skip, with the reason,
/// when it is missing, except in CI (<c>CI=true</c>), where <c>.ci/run</c> installs it and a missing one fails the test.
/// </summary>
internal static class InstalledProgram
{
    /// <summary>Null when one of <paramref name="paths"/> exists; a relative path is looked up on PATH, as a process start does.</summary>
    public static string? SkipReason(string name, IEnumerable<string> paths)
    {
        if (ContinuousIntegration.IsRunning)
        {
            return null;
        }

        return paths.SelectMany(OnPath).Any(File.Exists)
            ? null
            : $"{name} is not installed; `bash eng/debian-tools.sh` installs it (.ci/run does)";
    }

    private static IEnumerable<string> OnPath(string path) => Path.IsPathRooted(path)
        ? [path]
        : (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, path));
}
