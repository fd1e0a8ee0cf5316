using System.ComponentModel;
using System.Runtime.InteropServices;

namespace RecoFunctions.Local.Drills;

/// <summary>
/// Sends a POSIX signal to another process through libc's <c>kill</c>: .NET can only SIGKILL another process, and
/// running the <c>kill</c> program would make the drills and the bench depend on what is on PATH.
/// </summary>
internal static partial class PosixSignal
{
    public const string Terminate = "TERM";
    public const string Interrupt = "INT";
    public const string Stop = "STOP";
    public const string Continue = "CONT";

    /// <exception cref="Win32Exception">The call failed, other than for a process that has already gone.</exception>
    public static void Send(int processId, string signal)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException($"SIG{signal} cannot be sent on Windows");
        }

        const int NoSuchProcess = 3;
        if (Kill(processId, Number(signal)) != 0 && Marshal.GetLastPInvokeError() is var error && error != NoSuchProcess)
        {
            throw new Win32Exception(error, $"kill({processId}, SIG{signal}) failed");
        }
    }

    // Linux numbers; macOS (BSD) numbers STOP and CONT differently.
    private static int Number(string signal) => signal switch
    {
        Interrupt => 2,
        Terminate => 15,
        Stop => OperatingSystem.IsMacOS() ? 17 : 19,
        Continue => OperatingSystem.IsMacOS() ? 19 : 18,
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "not a signal the drills send"),
    };

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int processId, int signal);
}
