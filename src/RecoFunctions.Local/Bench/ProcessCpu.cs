namespace RecoFunctions.Local.Bench;

/// <summary>Processor time of one process of the bench (the broker or the sandbox) over a phase's window.</summary>
/// <param name="Seconds">Processor time, user and system, of all its threads.</param>
/// <param name="Cores">Processor time over wall-clock time.</param>
/// <param name="MicrosecondsPerEvent">Processor time per event of the phase.</param>
internal sealed record ProcessCpu(double Seconds, double Cores, double MicrosecondsPerEvent)
{
    public static ProcessCpu? Between(TimeSpan? start, TimeSpan? end, TimeSpan wall, long events)
    {
        if (start is not { } from || end is not { } to)
        {
            return null;
        }

        var cpu = to - from;
        return new ProcessCpu(
            Math.Round(cpu.TotalSeconds, 2),
            wall > TimeSpan.Zero ? Math.Round(cpu / wall, 2) : 0,
            events > 0 ? Math.Round(cpu.TotalMicroseconds / events, 1) : 0);
    }
}
