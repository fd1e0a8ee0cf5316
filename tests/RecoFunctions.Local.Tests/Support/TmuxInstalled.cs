using RecoFunctions.Testing;

namespace RecoFunctions.Local.Tests.Support;

/// <summary>Skips the terminal tests where tmux is missing (see <see cref="InstalledProgram"/>).</summary>
public sealed class TmuxInstalled : ISkipCondition
{
    public string? SkipReason => InstalledProgram.SkipReason("tmux", ["tmux"]);
}
