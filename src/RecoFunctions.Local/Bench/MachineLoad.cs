using System.Globalization;

namespace RecoFunctions.Local.Bench;

/// <summary>
/// Processor time of the whole machine, all processes, from <c>/proc/stat</c> (Linux only): shows whether other work
/// competed with the bench for the cores. Elsewhere it reads nothing and reports null.
/// </summary>
internal static class MachineLoad
{
    private const string StatPath = "/proc/stat";
    private const string LoadPath = "/proc/loadavg";

    /// <summary>Busy and total clock ticks of all cores so far, or null when not on Linux.</summary>
    public static (long Busy, long Total)? Ticks()
    {
        try
        {
            var line = File.ReadLines(StatPath).First();
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
                .Select(field => long.Parse(field, CultureInfo.InvariantCulture)).ToArray();

            // user nice system idle iowait irq softirq steal: idle and iowait are not busy.
            var total = fields.Sum();
            return (total - fields[3] - fields[4], total);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Cores busy on average between two readings, all processes together.</summary>
    public static double? BusyCores((long Busy, long Total)? start, (long Busy, long Total)? end)
    {
        if (start is not { } from || end is not { } to || to.Total <= from.Total)
        {
            return null;
        }

        return Math.Round((double)(to.Busy - from.Busy) / (to.Total - from.Total) * Environment.ProcessorCount, 2);
    }

    /// <summary>The 1, 5 and 15 minute load averages, or null when not on Linux.</summary>
    public static string? LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText(LoadPath).Split(' ').Take(3));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
