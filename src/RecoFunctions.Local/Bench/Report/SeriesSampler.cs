using System.Diagnostics;
using RecoFunctions.Runtime;

namespace RecoFunctions.Local.Bench.Report;

/// <summary>Samples a running pipeline once a second (throughput, lag, in flight, the machine's busy cores) until disposed.</summary>
internal sealed class SeriesSampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly PipelineRuntime _runtime;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TimeSample> _samples = [];
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly Task _sampling;

    public SeriesSampler(PipelineRuntime runtime)
    {
        _runtime = runtime;
        _sampling = Task.Run(SampleAsync);
    }

    /// <summary>The samples so far; complete once disposed.</summary>
    public IReadOnlyList<TimeSample> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _sampling.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        var previous = (At: _started, Finished: 0L, Ticks: MachineLoad.Ticks());
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                var snapshot = _runtime.Snapshot();
                var now = Stopwatch.GetTimestamp();
                var ticks = MachineLoad.Ticks();
                var seconds = Stopwatch.GetElapsedTime(previous.At, now).TotalSeconds;
                var sample = new TimeSample(
                    Math.Round(Stopwatch.GetElapsedTime(_started, now).TotalSeconds, 2),
                    seconds > 0 ? Math.Round((snapshot.Finished - previous.Finished) / seconds) : 0,
                    snapshot.TotalLag,
                    snapshot.InFlight,
                    MachineLoad.BusyCores(previous.Ticks, ticks));
                lock (_samples)
                {
                    _samples.Add(sample);
                }

                previous = (now, snapshot.Finished, ticks);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }
}
