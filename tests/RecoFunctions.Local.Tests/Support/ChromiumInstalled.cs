using RecoFunctions.Local.Tests.Bench;
using RecoFunctions.Testing;

namespace RecoFunctions.Local.Tests.Support;

/// <summary>Skips the browser tests where Debian's chromium is missing (see <see cref="InstalledProgram"/>).</summary>
public sealed class ChromiumInstalled : ISkipCondition
{
    public string? SkipReason => InstalledProgram.SkipReason("chromium", [HeadlessChromium.Executable]);
}
