using RecoFunctions.Core.Flows;
using RecoFunctions.Local.Accounting;
using RecoFunctions.Runtime.Kafka;
using RecoFunctions.Local.Workload;
using RecoFunctions.Sandbox;

namespace RecoFunctions.Local.Tests.Support;

/// <summary>An embedded Kafka with the flows' topics and dead-letter topics, and an in-process sandbox.</summary>
internal sealed class AuditBench : IAsyncDisposable
{
    private AuditBench(EmbeddedKafka kafka, SandboxHost sandbox)
    {
        Kafka = kafka;
        Sandbox = sandbox;
    }

    public EmbeddedKafka Kafka { get; }

    public SandboxHost Sandbox { get; }

    public static PipelineOptions Pipeline => ShippedConfiguration.Pipeline;

    public static async Task<AuditBench> StartAsync()
    {
        var kafka = EmbeddedKafka.Start(defaultPartitions: 4);
        foreach (var flow in ShippedConfiguration.Flows.Flows)
        {
            kafka.EnsureTopic(flow.Topic);
            kafka.EnsureTopic(flow.DeadLetterTopic);
        }

        try
        {
            return new AuditBench(kafka, await SandboxHost.StartAsync(new SandboxOptions(), CancellationToken.None));
        }
        catch
        {
            kafka.Dispose();
            throw;
        }
    }

    public async Task<ProduceReport> ProduceAsync(WorkloadSpec spec)
    {
        using var producer = WorkloadProducer.CreateProducer(Kafka.BootstrapServers);
        return await new WorkloadProducer(Pipeline).ProduceAsync(producer, spec, CancellationToken.None);
    }

    public Task<AuditReport> AuditAsync(WorkloadManifest manifest) =>
        DeliveryAudit.RunAsync(manifest, _ => Task.FromResult(RecommenderSnapshot.Of(Sandbox.Recorder)), new DeadLetterReader(Kafka.BootstrapServers), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        Kafka.Dispose();
    }
}
