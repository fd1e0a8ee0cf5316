using System.Diagnostics;
using System.Globalization;
using RecoFunctions.Local.Cli;
using RecoFunctions.Local.Workload;
using RecoFunctions.Local.Cli.Shared;

namespace RecoFunctions.Local.LiveView;

/// <summary><c>reco produce</c> on a terminal: a bar of the messages acknowledged, with the rate and the failures so far.</summary>
internal static class ProduceProgressBar
{
    public static Task<ProduceReport> ShowAsync(RecoConsole console, WorkloadProducer producer, long? total, Task<ProduceReport> sending)
    {
        var started = Stopwatch.GetTimestamp();
        return TerminalProgress.BarAsync(TerminalConsole.Create(console), "producing", total, () =>
        {
            var progress = producer.Progress;
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var rate = seconds > 0 ? progress.Acknowledged / seconds : 0;
            return (progress.Acknowledged, string.Create(CultureInfo.InvariantCulture,
                $"{progress.Attempted:#,0} sent · {progress.Acknowledged:#,0} acknowledged · {progress.Failed:#,0} failed · {rate:#,0}/s"));
        }, sending);
    }
}
