using System.Diagnostics;
using System.Runtime;

namespace RecoFunctions.Local.Bench;

/// <summary>
/// Processor time of the whole process (pipeline, sandbox, embedded broker, the bench's producer) over one phase's
/// window: seconds, cores used on average, and microseconds per event of the phase; and the cores the whole machine
/// kept busy meanwhile (all processes), which shows competing work; and the JIT compilation in the window, which
/// shows whether the phase ran on steady-state code.
/// </summary>
/// <param name="Seconds">Processor time of the process.</param>
/// <param name="Cores">Processor time over wall-clock time.</param>
/// <param name="MicrosecondsPerEvent">Processor time per event of the phase.</param>
/// <param name="MachineBusyCores">Cores the machine kept busy, all processes; null where unknown.</param>
/// <param name="JitMethods">Methods the JIT compiled (tier-1 recompilations included).</param>
/// <param name="JitMilliseconds">Time spent compiling them, on all threads.</param>
internal sealed record CpuFigures(double Seconds, double Cores, double MicrosecondsPerEvent, double? MachineBusyCores, long JitMethods, double JitMilliseconds)
{
    public static CpuStart Start()
    {
        using var process = Process.GetCurrentProcess();
        return new CpuStart(process.TotalProcessorTime, Stopwatch.GetTimestamp(), MachineLoad.Ticks(), JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());
    }

    public static CpuFigures Since(CpuStart start, long events)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime - start.Cpu;
        var wall = Stopwatch.GetElapsedTime(start.At);
        return new CpuFigures(
            Math.Round(cpu.TotalSeconds, 2),
            wall > TimeSpan.Zero ? Math.Round(cpu / wall, 2) : 0,
            events > 0 ? Math.Round(cpu.TotalMicroseconds / events, 1) : 0,
            MachineLoad.BusyCores(start.Machine, MachineLoad.Ticks()),
            JitInfo.GetCompiledMethodCount() - start.JitMethods,
            Math.Round((JitInfo.GetCompilationTime() - start.JitTime).TotalMilliseconds));
    }
}
