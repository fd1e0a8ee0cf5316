using System.Diagnostics;
using RecoFunctions.Runtime;

namespace RecoFunctions.Local.Bench;

/// <summary>
/// Polls a runtime's figures every few milliseconds: when the first event was consumed, when the finished count last
/// grew, and the in-flight count now. The span between the two is the phase's processing time.
/// </summary>
internal sealed class ProgressWatch : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    private readonly PipelineRuntime _runtime;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _polling;
    private int _disposed;
    private long _firstConsumedAt;
    private long _lastFinishedAt;
    private long _finished;
    private long _inFlight;

    public ProgressWatch(PipelineRuntime runtime)
    {
        _runtime = runtime;
        _polling = Task.Run(PollAsync);
    }

    public long Finished => Volatile.Read(ref _finished);

    public long InFlight => Volatile.Read(ref _inFlight);

    /// <summary>From the first event consumed to the last one finished, as far as seen so far.</summary>
    public TimeSpan Span
    {
        get
        {
            var first = Volatile.Read(ref _firstConsumedAt);
            var last = Volatile.Read(ref _lastFinishedAt);
            return first == 0 || last <= first ? TimeSpan.Zero : Stopwatch.GetElapsedTime(first, last);
        }
    }

    /// <exception cref="TimeoutException">Fewer than <paramref name="expected"/> events finished within <paramref name="timeout"/>.</exception>
    public async Task WaitForFinishedAsync(long expected, TimeSpan timeout, Task running, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        while (Finished < expected)
        {
            if (running.IsCompleted)
            {
                await running.ConfigureAwait(false);
                throw new InvalidOperationException($"The runtime stopped after finishing {Finished:N0} of {expected:N0} events.");
            }

            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"The pipeline finished {Finished:N0} of {expected:N0} events in {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(Interval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops sampling; the figures stay readable. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _polling.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task PollAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                Poll();
            }
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private void Poll()
    {
        var progress = _runtime.Progress;
        var now = Stopwatch.GetTimestamp();
        if (progress.Consumed > 0 && Volatile.Read(ref _firstConsumedAt) == 0)
        {
            Volatile.Write(ref _firstConsumedAt, now);
        }

        if (progress.Finished > Volatile.Read(ref _finished))
        {
            Volatile.Write(ref _lastFinishedAt, now);
            Volatile.Write(ref _finished, progress.Finished);
        }

        Volatile.Write(ref _inFlight, progress.InFlight);
    }
}
