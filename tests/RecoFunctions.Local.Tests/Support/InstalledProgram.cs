namespace RecoFunctions.Local.Tests.Support;

/// <summary>
/// Whether a Debian program a test drives (tmux, chromium) is on this machine. Tests that need it skip, with the reason,
/// when it is missing, except in CI (<c>CI=true</c>), where <c>.ci/run</c> installs it and a missing one fails the test.
/// </summary>
internal static class InstalledProgram
{
    public static string? SkipReason(string name, IEnumerable<string> paths)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return paths.Any(File.Exists)
            ? null
            : $"{name} is not installed; `bash eng/debian-tools.sh` installs it (.ci/run does)";
    }
}
