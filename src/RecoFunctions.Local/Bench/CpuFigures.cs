using System.Diagnostics;
using System.Runtime;

namespace RecoFunctions.Local.Bench;

/// <summary>
/// Processor time over one phase's window, per process: the bench's own process (the pipeline, or the bare consumer in
/// phase 1; no producer, no broker, no sandbox in it), the broker's and the sandbox's processes; the cores the whole
/// machine kept busy meanwhile and what of that belongs to none of the three (the fixed-rate phase's producer process,
/// and any other work on the machine); and the JIT compilation in the bench's process, which shows whether the phase
/// ran on steady-state code.
/// </summary>
/// <param name="Seconds">Processor time of the bench's process.</param>
/// <param name="Cores">Processor time of the bench's process over wall-clock time.</param>
/// <param name="MicrosecondsPerEvent">Processor time of the bench's process per event of the phase.</param>
/// <param name="Broker">The embedded broker's process; null with <c>--bootstrap</c> (a broker the bench did not start).</param>
/// <param name="Sandbox">The sandbox services' process.</param>
/// <param name="MachineBusyCores">Cores the machine kept busy, all processes; null where unknown.</param>
/// <param name="OtherCores">Of <paramref name="MachineBusyCores"/>, what the three processes above did not use.</param>
/// <param name="JitMethods">Methods the JIT compiled in the bench's process (tier-1 recompilations included).</param>
/// <param name="JitMilliseconds">Time spent compiling them, on all threads.</param>
internal sealed record CpuFigures(
    double Seconds,
    double Cores,
    double MicrosecondsPerEvent,
    ProcessCpu? Broker,
    ProcessCpu? Sandbox,
    double? MachineBusyCores,
    double? OtherCores,
    long JitMethods,
    double JitMilliseconds)
{
    public static CpuStart Start(BenchProcesses processes)
    {
        using var process = Process.GetCurrentProcess();
        return new CpuStart(
            process.TotalProcessorTime,
            Stopwatch.GetTimestamp(),
            MachineLoad.Ticks(),
            JitInfo.GetCompiledMethodCount(),
            JitInfo.GetCompilationTime(),
            processes.Broker?.ProcessorTime,
            processes.Sandbox.ProcessorTime);
    }

    public static CpuFigures Since(CpuStart start, long events, BenchProcesses processes)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime - start.Cpu;
        var wall = Stopwatch.GetElapsedTime(start.At);
        var broker = ProcessCpu.Between(start.Broker, processes.Broker?.ProcessorTime, wall, events);
        var sandbox = ProcessCpu.Between(start.Sandbox, processes.Sandbox.ProcessorTime, wall, events);
        var own = ProcessCpu.Between(start.Cpu, cpu + start.Cpu, wall, events)!;
        var busy = MachineLoad.BusyCores(start.Machine, MachineLoad.Ticks());
        double? other = busy is { } machine ? Math.Round(Math.Max(0, machine - own.Cores - (broker?.Cores ?? 0) - (sandbox?.Cores ?? 0)), 2) : null;
        return new CpuFigures(
            own.Seconds,
            own.Cores,
            own.MicrosecondsPerEvent,
            broker,
            sandbox,
            busy,
            other,
            JitInfo.GetCompiledMethodCount() - start.JitMethods,
            Math.Round((JitInfo.GetCompilationTime() - start.JitTime).TotalMilliseconds));
    }
}
