using System.Diagnostics;

namespace RecoFunctions.Local.Bench;

/// <summary>
/// Processor time of the whole process (pipeline, sandbox, embedded broker, the bench's producer) over one phase's
/// window: seconds, cores used on average, and microseconds per event of the phase; and the cores the whole machine
/// kept busy meanwhile (all processes), which shows competing work.
/// </summary>
internal sealed record CpuFigures(double Seconds, double Cores, double MicrosecondsPerEvent, double? MachineBusyCores)
{
    public static (TimeSpan Cpu, long At, (long Busy, long Total)? Machine) Start()
    {
        using var process = Process.GetCurrentProcess();
        return (process.TotalProcessorTime, Stopwatch.GetTimestamp(), MachineLoad.Ticks());
    }

    public static CpuFigures Since((TimeSpan Cpu, long At, (long Busy, long Total)? Machine) start, long events)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime - start.Cpu;
        var wall = Stopwatch.GetElapsedTime(start.At);
        return new CpuFigures(
            Math.Round(cpu.TotalSeconds, 2),
            wall > TimeSpan.Zero ? Math.Round(cpu / wall, 2) : 0,
            events > 0 ? Math.Round(cpu.TotalMicroseconds / events, 1) : 0,
            MachineLoad.BusyCores(start.Machine, MachineLoad.Ticks()));
    }
}
