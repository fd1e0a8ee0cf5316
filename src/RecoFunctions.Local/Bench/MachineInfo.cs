using System.Runtime;
using System.Runtime.InteropServices;

namespace RecoFunctions.Local.Bench;

/// <summary>Where the figures came from.</summary>
internal sealed record MachineInfo(int Cores, string Os, string Architecture, string Runtime, bool ServerGc, string Configuration)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.ProcessArchitecture.ToString(),
        RuntimeInformation.FrameworkDescription,
        GCSettings.IsServerGC,
#if DEBUG
        "Debug");
#else
        "Release");
#endif
}
