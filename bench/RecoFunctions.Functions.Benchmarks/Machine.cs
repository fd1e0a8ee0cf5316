using System.Runtime.InteropServices;

namespace RecoFunctions.Functions.Benchmarks;

/// <summary>The line that says where the figures come from, and the load others put on the machine.</summary>
internal static class Machine
{
    public static string Describe() =>
        $"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}, " +
        $".NET {Environment.Version}, {(IsOptimized() ? "Release" : "Debug")} build; load average before: {LoadAverage()}";

    /// <summary>The 1, 5 and 15 minute load averages (Linux), or "n/a".</summary>
    public static string LoadAverage()
    {
        const string LoadAverageFile = "/proc/loadavg";
        return File.Exists(LoadAverageFile) ? string.Join(' ', File.ReadAllText(LoadAverageFile).Split(' ').Take(3)) : "n/a";
    }

    private static bool IsOptimized() =>
        typeof(Machine).Assembly.GetCustomAttributes(typeof(System.Diagnostics.DebuggableAttribute), false)
            .OfType<System.Diagnostics.DebuggableAttribute>()
            .All(attribute => !attribute.IsJITOptimizerDisabled);
}
