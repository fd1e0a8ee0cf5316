using RecoFunctions.Runtime.Kafka;
using RecoFunctions.Sandbox;

namespace RecoFunctions.Local.Cli.Shared;

/// <summary>
/// What <c>reco</c> runs against when no broker is configured: an in-process Kafka (the mock cluster) and in-process
/// sandbox services on loopback, so that one command runs the whole pipeline on a fresh machine.
/// </summary>
internal sealed class EmbeddedDefaults : IAsyncDisposable
{
    private EmbeddedDefaults(EmbeddedKafka kafka, SandboxHost sandbox)
    {
        Kafka = kafka;
        Sandbox = sandbox;
    }

    public EmbeddedKafka Kafka { get; }

    public SandboxHost Sandbox { get; }

    public static async Task<EmbeddedDefaults> StartAsync(int partitions, CancellationToken cancellationToken)
    {
        var sandbox = await SandboxHost.StartAsync(new SandboxOptions(), cancellationToken).ConfigureAwait(false);
        try
        {
            return new EmbeddedDefaults(EmbeddedKafka.Start(partitions), sandbox);
        }
        catch
        {
            await sandbox.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Sandbox.DisposeAsync().ConfigureAwait(false);
        Kafka.Dispose();
    }
}
