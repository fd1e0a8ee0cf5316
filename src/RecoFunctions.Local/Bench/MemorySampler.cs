using System.Diagnostics;

namespace RecoFunctions.Local.Bench;

/// <summary>Samples the process's working set, the GC heap and the pipeline's in-flight count until disposed, keeping the peaks.</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);
    private const double Mebibyte = 1024 * 1024;

    private readonly Func<long> _inFlight;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private int _disposed;
    private long _peakWorkingSet;
    private long _peakHeap;
    private long _peakInFlight;

    public MemorySampler(Func<long>? inFlight = null)
    {
        _inFlight = inFlight ?? (static () => 0);
        _sampling = Task.Run(SampleAsync);
    }

    public MemoryFigures Figures => new(
        Math.Round(Volatile.Read(ref _peakWorkingSet) / Mebibyte, 1),
        Math.Round(Volatile.Read(ref _peakHeap) / Mebibyte, 1),
        Volatile.Read(ref _peakInFlight));

    /// <summary>Stops sampling; the figures stay readable. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _sampling.ConfigureAwait(false);
        Sample();
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                Sample();
            }
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private void Sample()
    {
        using var process = Process.GetCurrentProcess();
        Peak(ref _peakWorkingSet, process.WorkingSet64);
        Peak(ref _peakHeap, GC.GetTotalMemory(forceFullCollection: false));
        Peak(ref _peakInFlight, _inFlight());
    }

    private static void Peak(ref long peak, long value)
    {
        if (value > Volatile.Read(ref peak))
        {
            Volatile.Write(ref peak, value);
        }
    }
}
