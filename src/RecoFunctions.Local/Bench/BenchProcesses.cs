using RecoFunctions.Local.Drills;

namespace RecoFunctions.Local.Bench;

/// <summary>
/// The services the pipeline talks to, each in a process of its own as in production, where they are remote: the
/// embedded broker (<c>reco broker</c>, unless <c>--bootstrap</c> names one) and the sandbox services
/// (<c>reco sandbox</c>). Their processor time is read from outside (<c>/proc/PID/stat</c>), so that a phase can tell
/// the pipeline's processor time from theirs.
/// </summary>
internal sealed class BenchProcesses : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private BenchProcesses(RecoProcess? broker, RecoProcess sandbox, string bootstrap, Uri sandboxUrl)
    {
        Broker = broker;
        Sandbox = sandbox;
        Bootstrap = bootstrap;
        SandboxUrl = sandboxUrl;
    }

    /// <summary>The embedded broker's process; null when the bench runs against another broker.</summary>
    public RecoProcess? Broker { get; }

    public RecoProcess Sandbox { get; }

    public string Bootstrap { get; }

    public Uri SandboxUrl { get; }

    /// <summary>Starts the sandbox, and the embedded broker with <paramref name="topics"/> (name → partitions, 0 for the broker's default) unless <paramref name="bootstrap"/> is given.</summary>
    /// <param name="recoDll">The <c>reco.dll</c> to run.</param>
    /// <param name="globalArguments">The configuration options the bench was given (<c>--config</c>, <c>--environment</c>), for the children too.</param>
    /// <param name="bootstrap">Another broker, or null to start the embedded one.</param>
    /// <param name="topics">The topics of every phase, created when the broker starts.</param>
    /// <param name="cancellationToken">Cancels the wait for the processes' addresses.</param>
    public static async Task<BenchProcesses> StartAsync(
        string recoDll, IReadOnlyList<string> globalArguments, string? bootstrap, IReadOnlyDictionary<string, int> topics, CancellationToken cancellationToken)
    {
        var broker = bootstrap is null
            ? RecoProcess.Start(recoDll, ["broker", .. globalArguments, .. topics.SelectMany(topic => new[] { "--topic", topic.Value > 0 ? $"{topic.Key}:{topic.Value}" : topic.Key })])
            : null;
        var sandbox = RecoProcess.Start(recoDll, ["sandbox", "--port", "0"]);
        try
        {
            var address = bootstrap ?? await broker!.WaitForLineAsync("bootstrap:", StartTimeout, cancellationToken).ConfigureAwait(false);
            var url = new Uri(await sandbox.WaitForLineAsync("sandbox:", StartTimeout, cancellationToken).ConfigureAwait(false));
            return new BenchProcesses(broker, sandbox, address, url);
        }
        catch (Exception exception)
        {
            await StopAsync(sandbox).ConfigureAwait(false);
            if (broker is not null)
            {
                await StopAsync(broker).ConfigureAwait(false);
            }

            if (exception is DrillException)
            {
                throw new InvalidOperationException($"The bench's broker or sandbox process did not start: {exception.Message}", exception);
            }

            throw;
        }
    }

    /// <summary>Stops both gracefully (SIGTERM), killing what does not end in time.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(Sandbox).ConfigureAwait(false);
        if (Broker is not null)
        {
            await StopAsync(Broker).ConfigureAwait(false);
        }
    }

    private static async Task StopAsync(RecoProcess process)
    {
        try
        {
            await process.TerminateAsync().ConfigureAwait(false);
            await process.WaitForExitAsync(StopTimeout).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DrillException or TimeoutException or InvalidOperationException)
        {
            // Killed below.
        }

        await process.DisposeAsync().ConfigureAwait(false);
    }
}
