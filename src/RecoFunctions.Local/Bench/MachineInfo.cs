using System.Runtime;
using System.Runtime.InteropServices;

namespace RecoFunctions.Local.Bench;

/// <summary>Where the figures came from.</summary>
/// <param name="CpuModel">The processor's model name (<c>/proc/cpuinfo</c>), or the architecture where unknown.</param>
/// <param name="Cores">Logical processors this process may use.</param>
/// <param name="Os">Operating system.</param>
/// <param name="Architecture">Process architecture.</param>
/// <param name="Runtime">The .NET runtime.</param>
/// <param name="ServerGc">Server (true) or workstation garbage collection.</param>
/// <param name="ConcurrentGc">Background (concurrent) collections enabled.</param>
/// <param name="Configuration">Release or Debug build.</param>
internal sealed record MachineInfo(string CpuModel, int Cores, string Os, string Architecture, string Runtime, bool ServerGc, bool ConcurrentGc, string Configuration)
{
    private const string CpuInfoPath = "/proc/cpuinfo";

    public static MachineInfo Current() => new(
        CpuModelName() ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.ProcessArchitecture.ToString(),
        RuntimeInformation.FrameworkDescription,
        GCSettings.IsServerGC,
        AppContext.TryGetSwitch("System.GC.Concurrent", out var concurrent) ? concurrent : true,
#if DEBUG
        "Debug");
#else
        "Release");
#endif

    private static string? CpuModelName()
    {
        try
        {
            return File.ReadLines(CpuInfoPath)
                .Where(line => line.StartsWith("model name", StringComparison.Ordinal))
                .Select(line => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
                .FirstOrDefault(name => name.Length > 0);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
