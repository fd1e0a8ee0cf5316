using System.Runtime.InteropServices;

namespace RecoFunctions.Local.Cli.Shared;

/// <summary>
/// Ctrl+C and SIGTERM for long-running commands: the first signal (or the caller's token, or <see cref="Stop"/>) asks
/// for a graceful stop; a second signal aborts what the graceful stop is still waiting for.
/// </summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly CancellationTokenSource _abort = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly TextWriter _notices;
    private readonly string _stopping;

    /// <param name="external">Also asks for the graceful stop when cancelled.</param>
    /// <param name="notices">Where the stop notices go.</param>
    /// <param name="stopping">What the graceful stop does, for the notice.</param>
    public ShutdownSignals(CancellationToken external, TextWriter notices, string stopping = "finishing the batches in flight and committing")
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(external);
        _notices = notices;
        _stopping = stopping;
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            try
            {
                _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
            }
            catch (PlatformNotSupportedException)
            {
                // SIGTERM cannot be handled on every platform; Ctrl+C still can.
            }
        }
    }

    public CancellationToken Stopping => _stop.Token;

    public CancellationToken Aborting => _abort.Token;

    public bool IsAborted => _abort.IsCancellationRequested;

    public void Stop() => _stop.Cancel();

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
        _abort.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Handled here: the process must not end before the drain and the final commit.
        context.Cancel = true;
        if (!_stop.IsCancellationRequested)
        {
            _notices.WriteLine($"reco: {context.Signal} received, stopping: {_stopping} (again to abort)");
            _stop.Cancel();
        }
        else if (!_abort.IsCancellationRequested)
        {
            _notices.WriteLine($"reco: {context.Signal} received again, aborting: unfinished messages will be redelivered");
            _abort.Cancel();
        }
    }
}
